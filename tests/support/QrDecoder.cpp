// SPDX-License-Identifier: GPL-3.0-or-later
#include "QrDecoder.h"

#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;

bool QrDecoder::available()
{
    return !QStandardPaths::findExecutable(u"pdftoppm"_s).isEmpty()
        && !QStandardPaths::findExecutable(u"zbarimg"_s).isEmpty();
}

QImage QrDecoder::renderPdfPage(const QString &pdfPath, int page, int dpi)
{
    QTemporaryDir dir;
    if (!dir.isValid())
        return {};
    const QString prefix = dir.filePath(u"page"_s);
    QProcess process;
    process.start(u"pdftoppm"_s, {u"-r"_s, QString::number(dpi), u"-f"_s, QString::number(page), u"-l"_s,
                                  QString::number(page), u"-png"_s, u"-singlefile"_s, pdfPath, prefix});
    if (!process.waitForFinished(60000) || process.exitCode() != 0)
        return {};
    return QImage(prefix + u".png"_s);
}

QStringList QrDecoder::decode(const QList<QImage> &images)
{
    QTemporaryDir dir;
    QStringList files;
    for (qsizetype i = 0; i < images.size(); ++i) {
        const QString path = dir.filePath(u"crop%1.png"_s.arg(i));
        if (!images.at(i).save(path))
            return {};
        files.append(path);
    }

    // --raw prints each payload on its own line; stderr only carries D-Bus
    // noise when no system bus runs.
    QProcess process;
    process.setProcessChannelMode(QProcess::SeparateChannels);
    process.start(u"zbarimg"_s, QStringList{u"-q"_s, u"--raw"_s} + files);
    if (!process.waitForFinished(60000))
        return {};
    return QString::fromUtf8(process.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts);
}

QList<QImage> QrDecoder::crop(const QImage &page, const QList<QRectF> &millimetres, int dpi)
{
    const double dotsPerMm = dpi / 25.4;
    QList<QImage> crops;
    for (const QRectF &rect : millimetres) {
        const QRect pixels(qRound(rect.left() * dotsPerMm), qRound(rect.top() * dotsPerMm),
                           qRound(rect.width() * dotsPerMm), qRound(rect.height() * dotsPerMm));
        crops.append(page.copy(pixels));
    }
    return crops;
}
