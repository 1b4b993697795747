// SPDX-License-Identifier: GPL-3.0-or-later
#include "TopicDetector.h"

#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using Gateway::TopicDetector;
using Kind = TopicDetector::Kind;

namespace {

QStringList namesOf(const QList<TopicDetector::Topic> &topics, Kind kind)
{
    QStringList names;
    for (const TopicDetector::Topic &topic : topics) {
        if (topic.kind == kind)
            names.append(topic.name);
    }
    return names;
}

QStringList languages(const TopicDetector &detector, const QString &text)
{
    return namesOf(detector.detect(text), Kind::Language);
}

QStringList frameworks(const TopicDetector &detector, const QString &text)
{
    return namesOf(detector.detect(text), Kind::Framework);
}

TopicDetector builtIn()
{
    TopicDetector detector;
    if (const auto added = detector.addFile(TopicDetector::builtInPath()); !added)
        qWarning("%s", qPrintable(added.error().message()));
    return detector;
}

bool writeFile(const QString &path, const QByteArray &contents)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(contents) == contents.size();
}

} // namespace

class TestTopicDetector final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void builtInTableHasRequiredNames()
    {
        const TopicDetector detector = builtIn();
        const QStringList languageNames = detector.names(Kind::Language);
        for (const QString &name : {u"python"_s, u"javascript"_s, u"typescript"_s, u"java"_s, u"c"_s, u"c++"_s,
                                    u"c#"_s, u"go"_s, u"rust"_s, u"php"_s, u"ruby"_s, u"swift"_s, u"kotlin"_s,
                                    u"sql"_s, u"bash"_s})
            QVERIFY2(languageNames.contains(name), qPrintable(name));
        const QStringList frameworkNames = detector.names(Kind::Framework);
        for (const QString &name : {u"react"_s, u"vue"_s, u"angular"_s, u"django"_s, u"flask"_s, u"fastapi"_s,
                                    u"spring"_s, u"rails"_s, u"laravel"_s, u"express"_s, u"next.js"_s, u"qt"_s,
                                    u"pytorch"_s, u"tensorflow"_s, u"pandas"_s})
            QVERIFY2(frameworkNames.contains(name), qPrintable(name));
    }

    void detectsLanguagesAndFrameworks_data()
    {
        QTest::addColumn<QString>("prompt");
        QTest::addColumn<QStringList>("languages");
        QTest::addColumn<QStringList>("frameworks");

        QTest::newRow("python by name") << u"Write a Python script that renames files"_s
                                        << QStringList{u"python"_s} << QStringList{};
        QTest::newRow("python by code") << u"Why does this fail?\ndef  main():\n    import numpy as np"_s
                                        << QStringList{u"python"_s} << QStringList{};
        QTest::newRow("upper case") << u"EXPLAIN GOLANG CHANNELS"_s << QStringList{u"go"_s} << QStringList{};
        QTest::newRow("c++ with symbols") << u"How do I sort a vector in C++?"_s << QStringList{u"c++"_s}
                                          << QStringList{};
        QTest::newRow("c# with symbols") << u"LINQ in C#, please"_s << QStringList{u"c#"_s} << QStringList{};
        QTest::newRow("next.js with a dot") << u"Set up routing in Next.js 14"_s << QStringList{u"javascript"_s}
                                            << QStringList{u"next.js"_s};
        QTest::newRow("go program") << u"package main\n\nfunc main() {}"_s << QStringList{u"go"_s}
                                    << QStringList{};
        QTest::newRow("rust program") << u"fn main() { let mut x = 1; }"_s << QStringList{u"rust"_s}
                                      << QStringList{};
        QTest::newRow("django and python") << u"In Django, how do I add a models.Model field? (python 3.12)"_s
                                           << QStringList{u"python"_s} << QStringList{u"django"_s};
        QTest::newRow("react hook") << u"useState vs useEffect"_s << QStringList{} << QStringList{u"react"_s};
        QTest::newRow("qt and c++") << u"A QObject subclass in Qt 6 with C++20"_s << QStringList{u"c++"_s}
                                    << QStringList{u"qt"_s};
        QTest::newRow("several languages sorted") << u"Port this Ruby code to Kotlin and SQL"_s
                                                  << QStringList{u"kotlin"_s, u"ruby"_s, u"sql"_s} << QStringList{};
        QTest::newRow("keyword at text end") << u"help with pandas"_s << QStringList{} << QStringList{u"pandas"_s};
    }

    void detectsLanguagesAndFrameworks()
    {
        QFETCH(QString, prompt);
        QFETCH(QStringList, languages);
        QFETCH(QStringList, frameworks);
        const TopicDetector detector = builtIn();
        QCOMPARE(::languages(detector, prompt), languages);
        QCOMPARE(::frameworks(detector, prompt), frameworks);
    }

    void wholeWordsOnly_data()
    {
        QTest::addColumn<QString>("prompt");

        QTest::newRow("go inside good") << u"That is a good golangish idea, let us go"_s;
        QTest::newRow("java inside javanese") << u"Tell me about Javanese culture"_s;
        QTest::newRow("rust inside trust") << u"I trust you, rusty"_s;
        QTest::newRow("sql inside mysqlx") << u"nosql mysqlx"_s;
        QTest::newRow("def inside undefined") << u"undefined behaviour is undef here"_s;
        QTest::newRow("pandas as animals plural") << u"pandasaurus and keras_like"_s;
        QTest::newRow("plain english") << u"Write a poem about the sea and the sky"_s;
        QTest::newRow("empty") << QString();
    }

    void wholeWordsOnly()
    {
        QFETCH(QString, prompt);
        const QList<TopicDetector::Topic> found = builtIn().detect(prompt);
        QVERIFY2(found.isEmpty(), qPrintable(namesOf(found, Kind::Language).join(u',')
                                             + u" / "_s + namesOf(found, Kind::Framework).join(u',')));
    }

    void eachNameOnce()
    {
        const QList<TopicDetector::Topic> found =
            builtIn().detect(u"python python Python3 def x(): import numpy; pip install pandas"_s);
        QCOMPARE(namesOf(found, Kind::Language), QStringList{u"python"_s});
        QCOMPARE(namesOf(found, Kind::Framework), QStringList{u"pandas"_s});
    }

    void readsOnlyFirstCharacters()
    {
        const TopicDetector detector = builtIn();
        // " rust" ends exactly at the limit; one more character cuts it.
        const QString filler(TopicDetector::scannedChars - 5, u'x');
        QCOMPARE(languages(detector, filler + u" rust"_s), QStringList{u"rust"_s});
        QCOMPARE(languages(detector, filler + u"  rust"_s), QStringList{});
        QCOMPARE(languages(detector, filler + u" xxxxxxxxx kotlin"_s), QStringList{});
    }

    void emptyDetectorFindsNothing()
    {
        const TopicDetector detector;
        QVERIFY(detector.detect(u"python rust go"_s).isEmpty());
        QVERIFY(detector.names(Kind::Language).isEmpty());
    }

    void operatorFileExtends()
    {
        QTemporaryDir dir;
        QVERIFY(writeFile(dir.filePath(u"topics.json"_s), R"({
            "languages": {"Python": ["snake code"], "zig": ["ziglang", "comptime"]},
            "frameworks": {"htmx": ["hx-get", "HTMX"]}
        })"));

        const TopicDetector detector = TopicDetector::load(dir.path());
        QCOMPARE(languages(detector, u"some snake code"_s), QStringList{u"python"_s});
        QCOMPARE(languages(detector, u"comptime in ZIGLANG"_s), QStringList{u"zig"_s});
        QCOMPARE(frameworks(detector, u"<div hx-get=\"/x\">"_s), QStringList{u"htmx"_s});
        // The built-in keywords still work next to the added ones.
        QCOMPARE(languages(detector, u"import numpy"_s), QStringList{u"python"_s});
        QVERIFY(detector.names(Kind::Language).contains(u"zig"_s));
        QCOMPARE(detector.names(Kind::Language).count(u"python"_s), 1);
    }

    void loadWithoutOperatorFileUsesBuiltIn()
    {
        QTemporaryDir dir;
        const TopicDetector detector = TopicDetector::load(dir.path());
        QCOMPARE(detector.names(Kind::Language), builtIn().names(Kind::Language));
        QCOMPARE(languages(detector, u"golang"_s), QStringList{u"go"_s});
    }

    void badOperatorFileWarnsAndKeepsBuiltIn_data()
    {
        QTest::addColumn<QByteArray>("contents");
        QTest::addColumn<QString>("reason");

        QTest::newRow("not json") << QByteArray("{ languages: [") << u"at byte"_s;
        QTest::newRow("array root") << QByteArray("[]") << u"expected an object"_s;
        QTest::newRow("unknown key") << QByteArray(R"({"language": {"zig": ["ziglang"]}})")
                                     << u"unknown key \"language\""_s;
        QTest::newRow("section not object") << QByteArray(R"({"languages": ["zig"]})") << u"must be an object"_s;
        QTest::newRow("keywords not array") << QByteArray(R"({"languages": {"zig": "ziglang"}})")
                                            << u"non-empty array"_s;
        QTest::newRow("no keywords") << QByteArray(R"({"languages": {"zig": []}})") << u"non-empty array"_s;
        QTest::newRow("keyword not string") << QByteArray(R"({"languages": {"zig": ["ziglang", 3]}})")
                                            << u"must be strings"_s;
        QTest::newRow("blank keyword") << QByteArray(R"({"languages": {"zig": ["  "]}})") << u"must be strings"_s;
        QTest::newRow("blank name") << QByteArray(R"({"frameworks": {" ": ["x"]}})") << u"1 to 64 characters"_s;
    }

    void badOperatorFileWarnsAndKeepsBuiltIn()
    {
        QFETCH(QByteArray, contents);
        QFETCH(QString, reason);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"topics.json"_s);
        // A valid entry next to the error must not be added either.
        QVERIFY(writeFile(path, contents));

        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"invalid topic table "_s
                                                              + QRegularExpression::escape(path) + u".*"_s
                                                              + QRegularExpression::escape(reason)));
        const TopicDetector detector = TopicDetector::load(dir.path());
        QCOMPARE(detector.names(Kind::Language), builtIn().names(Kind::Language));
        QCOMPARE(detector.names(Kind::Framework), builtIn().names(Kind::Framework));
        QCOMPARE(languages(detector, u"python"_s), QStringList{u"python"_s});
    }

    void badTableAddsNothing()
    {
        TopicDetector detector;
        const auto added = detector.addTable(R"({"languages": {"zig": ["ziglang"]}, "frameworks": {"x": [1]}})",
                                             u"test table"_s);
        QVERIFY(!added);
        QVERIFY(added.error().message().contains(u"test table"_s));
        QVERIFY(detector.names(Kind::Language).isEmpty());
        QVERIFY(detector.detect(u"ziglang"_s).isEmpty());
    }

    void unreadableFileIsError()
    {
        TopicDetector detector;
        const auto added = detector.addFile(u"/nonexistent/topics.json"_s);
        QVERIFY(!added);
        QVERIFY(added.error().message().contains(u"/nonexistent/topics.json"_s));
    }
};

QTEST_GUILESS_MAIN(TestTopicDetector)
#include "tst_topicdetector.moc"
