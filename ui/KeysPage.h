// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "KeyIssuer.h"
#include "KeyRecord.h"

#include <QList>
#include <QWidget>

class QLineEdit;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace Console {

class IssueKeyForm;
class IssuedKeyPanel;
class KeyListModel;
class MessageBanner;

// Lists API keys, issues new ones and revokes them. The page talks to the
// gateway only through its signals and slots (MainWindow connects them to
// GatewayController), so it can be driven without a running gateway.
class KeysPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeysPage)

public:
    explicit KeysPage(QWidget *parent = nullptr);
    ~KeysPage() override;

    KeyListModel *model() const;
    // Base URL of the gateway for the quick-start snippet of a new key.
    void setListenUrl(const QString &url);

public Q_SLOTS:
    void setKeys(const QList<Gateway::KeyRecord> &keys);
    void setTiers(const QStringList &tierNames);
    void showIssuedKey(const Gateway::IssuedKey &key);
    void showIssueError(const QString &message);
    void showKeyRevoked(const QString &keyId);
    void showRevokeError(const QString &keyId, const QString &message);
    void showRotateError(const QString &keyId, const QString &message);

Q_SIGNALS:
    void issueKeyRequested(const QString &userName, const QString &tier, bool isOperator, const QString &label);
    void revokeKeyRequested(const QString &keyId);
    // The old key keeps working for graceSeconds after the rotation.
    void rotateKeyRequested(const QString &keyId, int graceSeconds);
    void refreshRequested();

private:
    QWidget *createKeyList();
    void requestIssue(const QString &userName, const QString &tier, bool isOperator, const QString &label);
    void confirmRevoke();
    void confirmRotate();
    void fitColumns();
    QString selectedKeyId() const;
    void selectKey(const QString &keyId);
    void updateRevokeButton();

    KeyListModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    MessageBanner *m_banner = nullptr;
    IssuedKeyPanel *m_issuedPanel = nullptr;
    IssueKeyForm *m_form = nullptr;
    QLineEdit *m_search = nullptr;
    QTableView *m_table = nullptr;
    QPushButton *m_refreshButton = nullptr;
    QPushButton *m_revokeButton = nullptr;
    QPushButton *m_rotateButton = nullptr;
    QString m_revokingKeyId; // empty unless a revocation is on its way
    QString m_keyToSelect;   // a key just issued, until the next list contains it
    bool m_columnsFitted = false;
};

} // namespace Console
