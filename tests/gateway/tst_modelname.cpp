// SPDX-License-Identifier: GPL-3.0-or-later
#include "ModelName.h"

#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using Gateway::ModelName;

class TestModelName final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void spellingsOfOneModel_data();
    void spellingsOfOneModel();
    void parsesParts_data();
    void parsesParts();
    void rejectsInvalidNames_data();
    void rejectsInvalidNames();
    void acceptsLengthLimits_data();
    void acceptsLengthLimits();
    void displaysShortestForm_data();
    void displaysShortestForm();
    void sourceSuffixes_data();
    void sourceSuffixes();
    void comparesCaseInsensitively();
    void distinguishesDifferentModels();
    void roundTripsCanonicalAndDisplay_data();
    void roundTripsCanonicalAndDisplay();
    void hashesEqualNamesEqually();
};

void TestModelName::spellingsOfOneModel_data()
{
    QTest::addColumn<QString>("text");

    QTest::newRow("bare") << u"llama3.2"_s;
    QTest::newRow("with latest") << u"llama3.2:latest"_s;
    QTest::newRow("upper case") << u"LLAMA3.2:LATEST"_s;
    QTest::newRow("namespace") << u"library/llama3.2"_s;
    QTest::newRow("fully qualified") << u"registry.ollama.ai/library/llama3.2:latest"_s;
    QTest::newRow("https scheme") << u"https://registry.ollama.ai/library/llama3.2:latest"_s;
    QTest::newRow("http scheme") << u"http://registry.ollama.ai/library/llama3.2"_s;
    QTest::newRow("mixed case host") << u"Registry.Ollama.AI/Library/Llama3.2"_s;
    QTest::newRow("surrounding whitespace") << u"  llama3.2:latest \n"_s;
}

void TestModelName::spellingsOfOneModel()
{
    QFETCH(QString, text);

    const std::optional<ModelName> name = ModelName::parse(text);
    QVERIFY2(name.has_value(), qPrintable(text));
    QCOMPARE(name->canonical(), u"registry.ollama.ai/library/llama3.2:latest"_s);
    QCOMPARE(name->display(), u"llama3.2:latest"_s);
    QCOMPARE(name->model(), u"llama3.2"_s);
    QCOMPARE(name->tag(), u"latest"_s);
    QCOMPARE(*name, *ModelName::parse(u"llama3.2"));
}

void TestModelName::parsesParts_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("nameSpace");
    QTest::addColumn<QString>("model");
    QTest::addColumn<QString>("tag");

    QTest::newRow("tag") << u"qwen2.5:7b-instruct-q4_K_M"_s << u"registry.ollama.ai"_s
                         << u"library"_s << u"qwen2.5"_s << u"7b-instruct-q4_k_m"_s;
    QTest::newRow("user namespace") << u"user/model:tag"_s << u"registry.ollama.ai"_s
                                    << u"user"_s << u"model"_s << u"tag"_s;
    QTest::newRow("host with port, no tag") << u"localhost:5000/ns/model"_s
                                            << u"localhost:5000"_s << u"ns"_s << u"model"_s
                                            << u"latest"_s;
    QTest::newRow("host with port and tag") << u"http://localhost:5000/ns/model:v1"_s
                                            << u"localhost:5000"_s << u"ns"_s << u"model"_s
                                            << u"v1"_s;
    QTest::newRow("underscore first") << u"_private/_m:_t"_s << u"registry.ollama.ai"_s
                                      << u"_private"_s << u"_m"_s << u"_t"_s;
    QTest::newRow("hf.co host") << u"hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M"_s
                                << u"hf.co"_s << u"bartowski"_s
                                << u"llama-3.2-1b-instruct-gguf"_s << u"q4_k_m"_s;
    QTest::newRow("any scheme is dropped") << u"ftp://example.com/ns/model"_s
                                           << u"example.com"_s << u"ns"_s << u"model"_s
                                           << u"latest"_s;
    // Ollama fills an empty host after the scheme with the default host.
    QTest::newRow("scheme with empty host") << u"https:///ns/model"_s
                                            << u"registry.ollama.ai"_s << u"ns"_s
                                            << u"model"_s << u"latest"_s;
}

void TestModelName::parsesParts()
{
    QFETCH(QString, text);
    QFETCH(QString, host);
    QFETCH(QString, nameSpace);
    QFETCH(QString, model);
    QFETCH(QString, tag);

    const std::optional<ModelName> name = ModelName::parse(text);
    QVERIFY2(name.has_value(), qPrintable(text));
    QCOMPARE(name->host(), host);
    QCOMPARE(name->namespaceName(), nameSpace);
    QCOMPARE(name->model(), model);
    QCOMPARE(name->tag(), tag);
    QCOMPARE(name->source(), ModelName::Source::Unspecified);
}

void TestModelName::rejectsInvalidNames_data()
{
    QTest::addColumn<QString>("text");

    QTest::newRow("empty") << QString();
    QTest::newRow("only whitespace") << u"   "_s;
    QTest::newRow("empty tag") << u"llama3.2:"_s;
    QTest::newRow("empty model before tag") << u":latest"_s;
    QTest::newRow("empty namespace") << u"/llama3.2"_s;
    QTest::newRow("empty model after namespace") << u"library/"_s;
    QTest::newRow("double slash") << u"ns//model"_s;
    QTest::newRow("empty host") << u"/ns/model"_s;
    QTest::newRow("too many parts") << u"a/b/c/d"_s;
    QTest::newRow("colon in model") << u"ns/mo:del/x"_s;
    QTest::newRow("two tags") << u"llama3.2:7b:q4"_s;
    QTest::newRow("colon in namespace") << u"n:s/model"_s;
    QTest::newRow("namespace with dot") << u"registry.ollama.ai/llama3.2"_s;
    QTest::newRow("namespace with dot under host") << u"host/my.ns/model"_s;
    QTest::newRow("space inside") << u"llama 3.2"_s;
    QTest::newRow("slash in tag position") << u"model:ta/g"_s;
    QTest::newRow("at sign") << u"model@sha256"_s;
    QTest::newRow("plus") << u"model:7b+q4"_s;
    QTest::newRow("leading dash") << u"-model"_s;
    QTest::newRow("leading dot") << u".model"_s;
    QTest::newRow("tag starts with dash") << u"model:-x"_s;
    QTest::newRow("non-ascii letter") << u"llamä"_s;
    QTest::newRow("fullwidth digit") << u"llama\uff13"_s;
    QTest::newRow("scheme without host") << u"https://llama3.2"_s;
    QTest::newRow("scheme without namespace") << u"https://ns/model"_s;
    QTest::newRow("model too long") << QString(81, u'm');
    QTest::newRow("tag too long") << u"m:"_s + QString(81, u't');
    QTest::newRow("namespace too long") << QString(81, u'n') + u"/m"_s;
    QTest::newRow("host too long") << QString(351, u'h') + u"/ns/m"_s;
    QTest::newRow("cloud and local") << u"gpt-oss:120b-cloud:local"_s;
    QTest::newRow("cloud twice") << u"gpt-oss:cloud:cloud"_s;
    QTest::newRow("only cloud suffix") << u":cloud"_s;
    QTest::newRow("empty tag before -cloud") << u"x:-cloud"_s;
}

void TestModelName::rejectsInvalidNames()
{
    QFETCH(QString, text);

    const std::optional<ModelName> name = ModelName::parse(text);
    QVERIFY2(!name.has_value(), qPrintable(name ? name->canonical() : QString()));
}

void TestModelName::acceptsLengthLimits_data()
{
    QTest::addColumn<QString>("text");

    QTest::newRow("model of 80") << QString(80, u'm');
    QTest::newRow("tag of 80") << u"m:"_s + QString(80, u't');
    QTest::newRow("namespace of 80") << QString(80, u'n') + u"/m"_s;
    QTest::newRow("host of 350") << QString(350, u'h') + u"/ns/m"_s;
    QTest::newRow("single characters") << u"h/n/m:t"_s;
}

void TestModelName::acceptsLengthLimits()
{
    QFETCH(QString, text);

    QVERIFY2(ModelName::parse(text).has_value(), qPrintable(text));
}

void TestModelName::displaysShortestForm_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("display");
    QTest::addColumn<QString>("canonical");

    QTest::newRow("library") << u"llama3.2"_s << u"llama3.2:latest"_s
                             << u"registry.ollama.ai/library/llama3.2:latest"_s;
    QTest::newRow("user namespace") << u"User/Model:Tag"_s << u"user/model:tag"_s
                                    << u"registry.ollama.ai/user/model:tag"_s;
    QTest::newRow("other host keeps namespace") << u"example.com/library/m:1"_s
                                                << u"example.com/library/m:1"_s
                                                << u"example.com/library/m:1"_s;
    QTest::newRow("other host, other namespace") << u"example.com/ns/m"_s
                                                 << u"example.com/ns/m:latest"_s
                                                 << u"example.com/ns/m:latest"_s;
}

void TestModelName::displaysShortestForm()
{
    QFETCH(QString, text);
    QFETCH(QString, display);
    QFETCH(QString, canonical);

    const std::optional<ModelName> name = ModelName::parse(text);
    QVERIFY(name.has_value());
    QCOMPARE(name->display(), display);
    QCOMPARE(name->canonical(), canonical);
}

void TestModelName::sourceSuffixes_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("source");
    QTest::addColumn<QString>("baseTag");
    QTest::addColumn<QString>("display");

    const int cloud = int(ModelName::Source::Cloud);
    const int local = int(ModelName::Source::Local);

    QTest::newRow(":cloud without tag") << u"llama3.2:cloud"_s << cloud << u"latest"_s
                                        << u"llama3.2:latest:cloud"_s;
    QTest::newRow(":cloud after tag") << u"gpt-oss:120b:cloud"_s << cloud << u"120b"_s
                                      << u"gpt-oss:120b:cloud"_s;
    QTest::newRow("-cloud tag") << u"gpt-oss:120b-cloud"_s << cloud << u"120b"_s
                                << u"gpt-oss:120b:cloud"_s;
    QTest::newRow("upper case -CLOUD") << u"GPT-OSS:120B-CLOUD"_s << cloud << u"120b"_s
                                       << u"gpt-oss:120b:cloud"_s;
    QTest::newRow(":local after tag") << u"gpt-oss:20b:local"_s << local << u"20b"_s
                                      << u"gpt-oss:20b:local"_s;
    QTest::newRow(":LOCAL") << u"llama3.2:LOCAL"_s << local << u"latest"_s
                            << u"llama3.2:latest:local"_s;
    QTest::newRow("suffix with spaces") << u"gpt-oss:120b: cloud "_s << cloud << u"120b"_s
                                        << u"gpt-oss:120b:cloud"_s;
    QTest::newRow("namespaced cloud") << u"user/m:cloud"_s << cloud << u"latest"_s
                                      << u"user/m:latest:cloud"_s;
}

void TestModelName::sourceSuffixes()
{
    QFETCH(QString, text);
    QFETCH(int, source);
    QFETCH(QString, baseTag);
    QFETCH(QString, display);

    const std::optional<ModelName> name = ModelName::parse(text);
    QVERIFY2(name.has_value(), qPrintable(text));
    QCOMPARE(int(name->source()), source);
    QCOMPARE(name->baseTag(), baseTag);
    QCOMPARE(name->display(), display);
    QVERIFY(name->canonical().endsWith(display));
}

void TestModelName::comparesCaseInsensitively()
{
    const std::optional<ModelName> lower = ModelName::parse(u"user/model:v1");
    const std::optional<ModelName> upper = ModelName::parse(u"USER/MODEL:V1");
    QVERIFY(lower && upper);
    QVERIFY(*lower == *upper);
    QCOMPARE(upper->canonical(), u"registry.ollama.ai/user/model:v1"_s);
}

void TestModelName::distinguishesDifferentModels()
{
    const ModelName base = *ModelName::parse(u"llama3.2");
    QVERIFY(base != *ModelName::parse(u"llama3.2:1b"));
    QVERIFY(base != *ModelName::parse(u"user/llama3.2"));
    QVERIFY(base != *ModelName::parse(u"example.com/library/llama3.2"));
    QVERIFY(base != *ModelName::parse(u"llama3.2:cloud"));
    QVERIFY(base != *ModelName::parse(u"llama3.2:local"));
    QVERIFY(*ModelName::parse(u"llama3.2:cloud") != *ModelName::parse(u"llama3.2:local"));
    QVERIFY(*ModelName::parse(u"gpt-oss:120b:cloud") == *ModelName::parse(u"gpt-oss:120b-cloud"));
    QVERIFY(*ModelName::parse(u"llama3.2:cloud") == *ModelName::parse(u"llama3.2:latest:cloud"));
}

void TestModelName::roundTripsCanonicalAndDisplay_data()
{
    QTest::addColumn<QString>("text");

    QTest::newRow("library") << u"llama3.2"_s;
    QTest::newRow("namespace") << u"user/model:tag"_s;
    QTest::newRow("host with port") << u"localhost:5000/ns/model:v1"_s;
    QTest::newRow("cloud") << u"gpt-oss:120b-cloud"_s;
    QTest::newRow("local") << u"llama3.2:local"_s;
}

void TestModelName::roundTripsCanonicalAndDisplay()
{
    QFETCH(QString, text);

    const std::optional<ModelName> name = ModelName::parse(text);
    QVERIFY(name.has_value());

    const std::optional<ModelName> fromCanonical = ModelName::parse(name->canonical());
    const std::optional<ModelName> fromDisplay = ModelName::parse(name->display());
    QVERIFY(fromCanonical.has_value());
    QVERIFY(fromDisplay.has_value());
    QCOMPARE(fromCanonical->canonical(), name->canonical());
    QCOMPARE(fromDisplay->canonical(), name->canonical());
}

void TestModelName::hashesEqualNamesEqually()
{
    QSet<ModelName> names;
    names.insert(*ModelName::parse(u"llama3.2"));
    names.insert(*ModelName::parse(u"LLAMA3.2:latest"));
    names.insert(*ModelName::parse(u"registry.ollama.ai/library/llama3.2:latest"));
    QCOMPARE(names.size(), 1);

    names.insert(*ModelName::parse(u"llama3.2:1b"));
    QCOMPARE(names.size(), 2);
}

QTEST_APPLESS_MAIN(TestModelName)

#include "tst_modelname.moc"
