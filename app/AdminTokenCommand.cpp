// SPDX-License-Identifier: GPL-3.0-or-later
#include "AdminTokenCommand.h"

#include "AdminToken.h"
#include "CommandSupport.h"
#include "StorageConfig.h"

#include <QCommandLineParser>
#include <QTextStream>

using namespace Qt::StringLiterals;

int AdminTokenCommand::run(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    const CommandSupport support(u"soulfra-gateway"_s);
    const QString command = u"admin-token"_s;
    const QList<QCommandLineOption> options{support.dataDirOption(), support.helpOption()};

    QCommandLineParser parser;
    parser.addOptions(options);
    int exitCode = CommandSupport::Success;
    if (std::optional<int> done = support.parse(parser, command, arguments, err))
        exitCode = *done;
    else if (parser.isSet(u"help"_s))
        support.printHelp(out, u"soulfra-gateway admin-token [options]"_s,
                          tr("Creates the operator token of the admin HTTP API (--admin-listen) and prints it once. "
                             "Only its SHA-256 digest is stored, in admin-token.sha256 in the data directory. A new "
                             "token replaces the old one; restart the gateway to use it."),
                          options);
    else if (!parser.positionalArguments().isEmpty())
        exitCode = support.usageError(err, command, tr("unexpected argument \"%1\"").arg(parser.positionalArguments().first()));
    else {
        const QString dataDir = parser.isSet(u"data-dir"_s) ? parser.value(u"data-dir"_s) : Gateway::StorageConfig::defaultDataDir();
        if (dataDir.trimmed().isEmpty()) {
            exitCode = support.usageError(err, command, tr("the value of --data-dir must not be empty"));
        } else if (const Gateway::Result<QByteArray> token = Gateway::AdminToken::create(dataDir); !token) {
            err << u"soulfra-gateway admin-token: "_s << token.error().message() << '\n';
            exitCode = CommandSupport::StorageFailure;
        } else {
            out << tr("Admin token created. It is shown only now; send it as \"Authorization: Bearer <token>\".") << '\n'
                << QString::fromLatin1(token.value()) << '\n';
        }
    }

    out.flush();
    err.flush();
    return exitCode;
}
