<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>Console::IssueKeyForm</name>
    <message>
        <location filename="../ui/IssueKeyForm.cpp" line="27"/>
        <source>Issue a key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/IssueKeyForm.cpp" line="30"/>
        <source>Operator key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/IssueKeyForm.cpp" line="32"/>
        <source>&amp;Issue key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/IssueKeyForm.cpp" line="37"/>
        <source>existing or new user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/IssueKeyForm.cpp" line="41"/>
        <source>ASCII letters, digits and . _ - @ + (at most %1 characters).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/IssueKeyForm.cpp" line="44"/>
        <source>no tiers loaded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/IssueKeyForm.cpp" line="47"/>
        <source>Operator keys may also pull, push, create, copy and delete models.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/IssueKeyForm.cpp" line="50"/>
        <source>optional, e.g. laptop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/IssueKeyForm.cpp" line="66"/>
        <source>&amp;User name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/IssueKeyForm.cpp" line="67"/>
        <source>&amp;Tier:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/IssueKeyForm.cpp" line="70"/>
        <source>&amp;Label:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Console::IssuedKeyPanel</name>
    <message>
        <location filename="../ui/IssuedKeyPanel.cpp" line="27"/>
        <source>&amp;Copy key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/IssuedKeyPanel.cpp" line="28"/>
        <source>Copy &amp;snippet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/IssuedKeyPanel.cpp" line="29"/>
        <source>&amp;Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/IssuedKeyPanel.cpp" line="44"/>
        <source>Copy the key now. Only its hash is stored, so it cannot be shown again after you close this panel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/IssuedKeyPanel.cpp" line="52"/>
        <source>New API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/IssuedKeyPanel.cpp" line="58"/>
        <source>curl example</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/IssuedKeyPanel.cpp" line="75"/>
        <source>Try it with curl:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/IssuedKeyPanel.cpp" line="117"/>
        <source>New key %1 for %2 (tier %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/IssuedKeyPanel.cpp" line="136"/>
        <source>Key copied to the clipboard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/IssuedKeyPanel.cpp" line="142"/>
        <source>Snippet copied to the clipboard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/IssuedKeyPanel.cpp" line="152"/>
        <source>List the models this key may use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/IssuedKeyPanel.cpp" line="155"/>
        <source>Ask a model (replace llama3.2 with a model from the list)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Console::KeyListModel</name>
    <message>
        <location filename="../ui/KeyListModel.cpp" line="94"/>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeyListModel.cpp" line="102"/>
        <location filename="../ui/KeyListModel.cpp" line="106"/>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeyListModel.cpp" line="119"/>
        <source>Key ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeyListModel.cpp" line="121"/>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeyListModel.cpp" line="123"/>
        <source>Tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeyListModel.cpp" line="125"/>
        <source>Operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeyListModel.cpp" line="127"/>
        <source>Hint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeyListModel.cpp" line="129"/>
        <source>Label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeyListModel.cpp" line="131"/>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeyListModel.cpp" line="133"/>
        <source>Expires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeyListModel.cpp" line="135"/>
        <source>Revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeyListModel.cpp" line="137"/>
        <source>Last used</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Console::KeysPage</name>
    <message>
        <location filename="../ui/KeysPage.cpp" line="63"/>
        <source>Filter by key ID, user, tier or label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeysPage.cpp" line="67"/>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeysPage.cpp" line="71"/>
        <source>Re&amp;voke…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeysPage.cpp" line="73"/>
        <source>Revoke the selected key. Clients using it are rejected from then on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeysPage.cpp" line="162"/>
        <source>The key was not issued: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeysPage.cpp" line="179"/>
        <location filename="../ui/KeysPage.cpp" line="183"/>
        <source>Revoke key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeysPage.cpp" line="181"/>
        <source>Revoke key %1 (%2) of user %3?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeysPage.cpp" line="182"/>
        <source>Clients using this key are rejected from then on. This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeysPage.cpp" line="204"/>
        <source>Key %1 was revoked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeysPage.cpp" line="214"/>
        <source>Key %1 was not revoked: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Console::LiveLogModel</name>
    <message>
        <location filename="../ui/LiveLogModel.cpp" line="151"/>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LiveLogModel.cpp" line="153"/>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LiveLogModel.cpp" line="155"/>
        <source>Key ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LiveLogModel.cpp" line="157"/>
        <source>Method</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LiveLogModel.cpp" line="159"/>
        <source>Path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LiveLogModel.cpp" line="161"/>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LiveLogModel.cpp" line="163"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LiveLogModel.cpp" line="166"/>
        <source>Prompt
tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LiveLogModel.cpp" line="168"/>
        <source>Completion
tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LiveLogModel.cpp" line="170"/>
        <source>Latency
(ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LiveLogModel.cpp" line="172"/>
        <source>TTFT
(ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LiveLogModel.cpp" line="174"/>
        <source>Client</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Console::LiveLogPage</name>
    <message>
        <location filename="../ui/LiveLogPage.cpp" line="105"/>
        <source>All users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LiveLogPage.cpp" line="108"/>
        <source>All models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LiveLogPage.cpp" line="114"/>
        <source>All statuses</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LiveLogPage.cpp" line="115"/>
        <source>2xx success</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LiveLogPage.cpp" line="116"/>
        <source>4xx client errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LiveLogPage.cpp" line="117"/>
        <source>5xx server errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LiveLogPage.cpp" line="118"/>
        <source>All errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LiveLogPage.cpp" line="129"/>
        <source>Stop adding new requests to the table; they are kept and added on resume.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LiveLogPage.cpp" line="132"/>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LiveLogPage.cpp" line="134"/>
        <source>Remove every request from the table. The stored request log is not changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LiveLogPage.cpp" line="137"/>
        <source>&amp;User:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LiveLogPage.cpp" line="139"/>
        <source>&amp;Model:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LiveLogPage.cpp" line="141"/>
        <source>&amp;Status:</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/LiveLogPage.cpp" line="254"/>
        <source>%n new request(s) waiting</source>
        <translation>
            <numerusform>%n new request waiting</numerusform>
            <numerusform>%n new requests waiting</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/LiveLogPage.cpp" line="261"/>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LiveLogPage.cpp" line="261"/>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Console::MainWindow</name>
    <message>
        <location filename="../ui/MainWindow.cpp" line="51"/>
        <source>Soulfra Gateway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="62"/>
        <source>Live Log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="67"/>
        <source>Keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="83"/>
        <source>&amp;Start Gateway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="85"/>
        <source>Ctrl+R</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="86"/>
        <source>Start listening for client requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="89"/>
        <source>S&amp;top Gateway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="91"/>
        <source>Ctrl+T</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="92"/>
        <source>Stop accepting requests and let those in flight finish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="95"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="102"/>
        <source>&amp;Gateway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="108"/>
        <source>Gateway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="235"/>
        <source>The gateway did not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Console::MessageBanner</name>
    <message>
        <location filename="../ui/MessageBanner.cpp" line="30"/>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MessageBanner.cpp" line="31"/>
        <source>Dismiss message</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Console::RequestDetailsPane</name>
    <message>
        <location filename="../ui/RequestDetailsPane.cpp" line="47"/>
        <source>Select a request to see its details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/RequestDetailsPane.cpp" line="52"/>
        <source>No prompt text was stored for this request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/RequestDetailsPane.cpp" line="54"/>
        <source>No response text was stored for this request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/RequestDetailsPane.cpp" line="57"/>
        <source>Prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/RequestDetailsPane.cpp" line="58"/>
        <source>Response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/RequestDetailsPane.cpp" line="84"/>
        <source>Request ID:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/RequestDetailsPane.cpp" line="85"/>
        <source>Time:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/RequestDetailsPane.cpp" line="86"/>
        <source>User:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/RequestDetailsPane.cpp" line="87"/>
        <source>Key ID:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/RequestDetailsPane.cpp" line="88"/>
        <source>Client:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/RequestDetailsPane.cpp" line="89"/>
        <source>Request:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/RequestDetailsPane.cpp" line="90"/>
        <source>Model:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/RequestDetailsPane.cpp" line="91"/>
        <source>Status:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/RequestDetailsPane.cpp" line="92"/>
        <source>Outcome:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/RequestDetailsPane.cpp" line="93"/>
        <source>Error:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/RequestDetailsPane.cpp" line="94"/>
        <source>Tokens:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/RequestDetailsPane.cpp" line="95"/>
        <source>Latency:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/RequestDetailsPane.cpp" line="96"/>
        <source>Time to first token:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/RequestDetailsPane.cpp" line="97"/>
        <source>Body bytes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/RequestDetailsPane.cpp" line="98"/>
        <source>Upstream:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/RequestDetailsPane.cpp" line="99"/>
        <source>User agent:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/RequestDetailsPane.cpp" line="100"/>
        <source>Brand:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/RequestDetailsPane.cpp" line="101"/>
        <source>Language / framework:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/RequestDetailsPane.cpp" line="168"/>
        <source>none (no valid key)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/RequestDetailsPane.cpp" line="176"/>
        <source>%1 prompt, %2 completion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/RequestDetailsPane.cpp" line="178"/>
        <location filename="../ui/RequestDetailsPane.cpp" line="180"/>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/RequestDetailsPane.cpp" line="182"/>
        <source>%1 received, %2 sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/RequestDetailsPane.cpp" line="187"/>
        <source>%1 / %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Console::StatusBarWidget</name>
    <message>
        <location filename="../ui/StatusBarWidget.cpp" line="118"/>
        <source>Gateway stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/StatusBarWidget.cpp" line="119"/>
        <source>Ollama not checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/StatusBarWidget.cpp" line="123"/>
        <source>Gateway starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/StatusBarWidget.cpp" line="127"/>
        <location filename="../ui/StatusBarWidget.cpp" line="138"/>
        <source>Listening on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/StatusBarWidget.cpp" line="130"/>
        <source>Gateway stopping…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/StatusBarWidget.cpp" line="144"/>
        <source>Ollama %1 reachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/StatusBarWidget.cpp" line="146"/>
        <source>Ollama unreachable: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/StatusBarWidget.cpp" line="152"/>
        <source>%1 requests/s, %2 in flight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/StatusBarWidget.cpp" line="192"/>
        <source>No traffic</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KeysCommand</name>
    <message>
        <location filename="../app/KeysCommand.cpp" line="33"/>
        <source>Show this help and exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="40"/>
        <source>Directory that contains the gateway database (gateway.sqlite). Default: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="42"/>
        <source>dir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="79"/>
        <source>Usage: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="82"/>
        <source>Options:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="102"/>
        <source>Run &apos;%1 %2 --help&apos; for its options.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="140"/>
        <source>the value of --data-dir must not be empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="154"/>
        <source>no gateway database at %1; check --data-dir or create a key first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="180"/>
        <source>User who owns the key; created when it does not exist yet. 1 to 64 ASCII letters, digits and . _ - @ +. Required, except with --operator where the default is &quot;operator&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="183"/>
        <location filename="../app/KeysCommand.cpp" line="190"/>
        <source>name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="186"/>
        <source>Tier the key is issued for: free, pro, pro_trial, enterprise or a tier added in the console. It also picks the key prefix. Default: the user&apos;s tier, free for a new user, enterprise with --operator. A new user gets this tier; an existing user keeps theirs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="193"/>
        <source>Issue an operator key (prefix sk_op_), which may also call the endpoints that change the model store: pull, push, create, copy, delete. Default: off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="197"/>
        <source>Note shown next to the key in lists, such as where it is used. At most 200 characters. Default: none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="199"/>
        <source>text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="202"/>
        <source>Days from now until the key stops working, a whole number from 1 to %1. Default: the key never expires.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="205"/>
        <source>days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="214"/>
        <source>Issues an API key and prints it once, alone on the last line of standard output. The database keeps only its SHA-256 hash, so the key cannot be shown again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="222"/>
        <location filename="../app/KeysCommand.cpp" line="373"/>
        <source>unexpected argument &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="238"/>
        <source>missing --user &lt;name&gt;: name the user who owns the key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="246"/>
        <source>invalid --expires-days value &quot;%1&quot;: use a whole number of days from 1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="276"/>
        <source>operator key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="276"/>
        <source>key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="278"/>
        <source>expires %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="279"/>
        <source>never expires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="280"/>
        <source>Issued %1 %2 for user %3, tier %4; it %5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="283"/>
        <source>Copy it now: only its hash is stored, so it cannot be shown again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="291"/>
        <source>ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="291"/>
        <source>USER</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="291"/>
        <source>TIER</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="292"/>
        <source>OPERATOR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="292"/>
        <source>HINT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="292"/>
        <source>LABEL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="293"/>
        <source>CREATED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="293"/>
        <source>EXPIRES</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="293"/>
        <source>REVOKED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="294"/>
        <source>LAST USED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="303"/>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="303"/>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="356"/>
        <source>Print a JSON array with one object per key; times are ISO 8601 UTC with milliseconds, null when unset. Default: a text table.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="366"/>
        <source>Lists every issued key with its id, user, tier, hint, label and times (UTC). Keys themselves are never stored, so they are never shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="395"/>
        <source>No keys in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="414"/>
        <source>Revokes the key with the given id (as shown by &apos;keys list&apos;, e.g. key_7h3k9q2m). A running gateway rejects it within a second. Revoking cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="423"/>
        <source>missing key id, e.g. key_7h3k9q2m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="425"/>
        <source>unexpected argument &quot;%1&quot;: revoke one key at a time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="448"/>
        <source>no key with id &quot;%1&quot; in %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="450"/>
        <source>Key %1 was already revoked at %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="457"/>
        <source>Revoked key %1 (%2) of user %3 at %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="465"/>
        <source>Usage: %1 &lt;command&gt; [options]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="466"/>
        <source>Manages the API keys in the gateway database. A running gateway picks up changes within a second.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="471"/>
        <source>Commands:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="472"/>
        <source>Issue a key and print it once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="473"/>
        <source>List keys with their hints, never the keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="474"/>
        <source>Revoke a key by its id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="475"/>
        <source>Run &apos;%1 &lt;command&gt; --help&apos; for the options of a command.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="487"/>
        <source>%1: missing command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="499"/>
        <source>%1: unknown command &quot;%2&quot;; use create, list or revoke</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
