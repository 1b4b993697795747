<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AdminTokenCommand</name>
    <message>
        <location filename="../app/AdminTokenCommand.cpp" line="26"/>
        <source>Creates the operator token of the admin HTTP API (--admin-listen) and prints it once. Only its SHA-256 digest is stored, in admin-token.sha256 in the data directory. A new token replaces the old one; restart the gateway to use it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/AdminTokenCommand.cpp" line="31"/>
        <source>unexpected argument &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/AdminTokenCommand.cpp" line="35"/>
        <source>the value of --data-dir must not be empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/AdminTokenCommand.cpp" line="40"/>
        <source>Admin token created. It is shown only now; send it as &quot;Authorization: Bearer &lt;token&gt;&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CommandSupport</name>
    <message>
        <location filename="../app/CommandSupport.cpp" line="41"/>
        <source>Show this help and exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CommandSupport.cpp" line="48"/>
        <source>Directory that contains the gateway database (gateway.sqlite). Default: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CommandSupport.cpp" line="50"/>
        <source>dir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CommandSupport.cpp" line="65"/>
        <source>Usage: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CommandSupport.cpp" line="68"/>
        <source>Options:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CommandSupport.cpp" line="88"/>
        <source>Run &apos;%1 %2 --help&apos; for its options.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CommandSupport.cpp" line="119"/>
        <source>%1 is not a SQLite database; check --data-dir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CommandSupport.cpp" line="121"/>
        <source>%1 is not a gateway database (it has no gateway schema); check --data-dir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CommandSupport.cpp" line="137"/>
        <source>the value of --data-dir must not be empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CommandSupport.cpp" line="146"/>
        <source>no gateway database at %1; check --data-dir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CommandSupport.cpp" line="187"/>
        <source>a whole number of 0 or more, &apos;unlimited&apos; or &apos;tier&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CommandSupport.cpp" line="188"/>
        <source>a whole number of 0 or more or &apos;unlimited&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CommandSupport.cpp" line="190"/>
        <source>invalid value &quot;%1&quot; for --%2: expected %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/CommandSupport.cpp" line="199"/>
        <source>unlimited</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Console::DashboardLiveTab</name>
    <message>
        <location filename="../ui/DashboardLiveTab.cpp" line="106"/>
        <source>Requests and tokens per minute, last hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DashboardLiveTab.cpp" line="107"/>
        <source>Requests per minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DashboardLiveTab.cpp" line="107"/>
        <source>requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DashboardLiveTab.cpp" line="108"/>
        <source>Tokens per minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DashboardLiveTab.cpp" line="108"/>
        <source>tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DashboardLiveTab.cpp" line="109"/>
        <source>Requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DashboardLiveTab.cpp" line="110"/>
        <source>Tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DashboardLiveTab.cpp" line="114"/>
        <source>Latency per minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DashboardLiveTab.cpp" line="115"/>
        <source>Latency (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DashboardLiveTab.cpp" line="115"/>
        <source>ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DashboardLiveTab.cpp" line="116"/>
        <source>p50</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DashboardLiveTab.cpp" line="117"/>
        <source>p95</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DashboardLiveTab.cpp" line="118"/>
        <source>p99</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DashboardLiveTab.cpp" line="122"/>
        <source>Error rate per minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DashboardLiveTab.cpp" line="123"/>
        <source>Failed requests (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DashboardLiveTab.cpp" line="123"/>
        <source>%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DashboardLiveTab.cpp" line="124"/>
        <source>Error rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DashboardLiveTab.cpp" line="145"/>
        <source>Requests, last hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DashboardLiveTab.cpp" line="146"/>
        <source>Latency p50 / p95 / p99</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DashboardLiveTab.cpp" line="147"/>
        <source>Error rate, last hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DashboardLiveTab.cpp" line="148"/>
        <source>Active users, last %1 minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DashboardLiveTab.cpp" line="149"/>
        <source>Queued generations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DashboardLiveTab.cpp" line="150"/>
        <source>Generations in flight</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DashboardLiveTab.cpp" line="151"/>
        <source>Ollama</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DashboardLiveTab.cpp" line="269"/>
        <source>%1 / %2 / %3 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DashboardLiveTab.cpp" line="273"/>
        <source>%1 %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DashboardLiveTab.cpp" line="280"/>
        <source>Reading the usage figures failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DashboardLiveTab.cpp" line="294"/>
        <source>reachable (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DashboardLiveTab.cpp" line="297"/>
        <source>unreachable</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Console::DashboardPage</name>
    <message>
        <location filename="../ui/DashboardPage.cpp" line="24"/>
        <source>&amp;Live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DashboardPage.cpp" line="25"/>
        <source>&amp;Range</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Console::DashboardRangeTab</name>
    <message>
        <location filename="../ui/DashboardRangeTab.cpp" line="126"/>
        <source>Requests and generations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DashboardRangeTab.cpp" line="126"/>
        <location filename="../ui/DashboardRangeTab.cpp" line="248"/>
        <location filename="../ui/DashboardRangeTab.cpp" line="272"/>
        <source>requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DashboardRangeTab.cpp" line="127"/>
        <location filename="../ui/DashboardRangeTab.cpp" line="138"/>
        <location filename="../ui/DashboardRangeTab.cpp" line="253"/>
        <source>Tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DashboardRangeTab.cpp" line="127"/>
        <source>tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DashboardRangeTab.cpp" line="132"/>
        <location filename="../ui/DashboardRangeTab.cpp" line="248"/>
        <location filename="../ui/DashboardRangeTab.cpp" line="253"/>
        <location filename="../ui/DashboardRangeTab.cpp" line="277"/>
        <location filename="../ui/DashboardRangeTab.cpp" line="501"/>
        <source>Requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DashboardRangeTab.cpp" line="135"/>
        <location filename="../ui/DashboardRangeTab.cpp" line="253"/>
        <source>Generations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DashboardRangeTab.cpp" line="146"/>
        <source>Top models by requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DashboardRangeTab.cpp" line="146"/>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DashboardRangeTab.cpp" line="149"/>
        <source>Top users by requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DashboardRangeTab.cpp" line="149"/>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DashboardRangeTab.cpp" line="189"/>
        <source>Last 24 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DashboardRangeTab.cpp" line="190"/>
        <source>Last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DashboardRangeTab.cpp" line="191"/>
        <source>Last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DashboardRangeTab.cpp" line="192"/>
        <source>Custom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DashboardRangeTab.cpp" line="204"/>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DashboardRangeTab.cpp" line="211"/>
        <source>&amp;Range:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DashboardRangeTab.cpp" line="215"/>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DashboardRangeTab.cpp" line="217"/>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DashboardRangeTab.cpp" line="253"/>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DashboardRangeTab.cpp" line="269"/>
        <source>Failed requests by cause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DashboardRangeTab.cpp" line="272"/>
        <location filename="../ui/DashboardRangeTab.cpp" line="530"/>
        <source>Failed requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DashboardRangeTab.cpp" line="277"/>
        <source>Cause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DashboardRangeTab.cpp" line="277"/>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DashboardRangeTab.cpp" line="277"/>
        <source>Share of all requests (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DashboardRangeTab.cpp" line="304"/>
        <source>Invalid key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DashboardRangeTab.cpp" line="306"/>
        <source>Forbidden</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DashboardRangeTab.cpp" line="308"/>
        <source>Limit reached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DashboardRangeTab.cpp" line="310"/>
        <source>Queue full</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DashboardRangeTab.cpp" line="312"/>
        <source>Ollama failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DashboardRangeTab.cpp" line="314"/>
        <source>Bad request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DashboardRangeTab.cpp" line="316"/>
        <source>Cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DashboardRangeTab.cpp" line="318"/>
        <location filename="../ui/DashboardRangeTab.cpp" line="320"/>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DashboardRangeTab.cpp" line="467"/>
        <source>Requests, generations and tokens per hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DashboardRangeTab.cpp" line="468"/>
        <source>Requests, generations and tokens per day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DashboardRangeTab.cpp" line="469"/>
        <source>Requests, generations and tokens per month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DashboardRangeTab.cpp" line="477"/>
        <source>%1 requests, %2 generations, %3 tokens, %4 failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DashboardRangeTab.cpp" line="490"/>
        <source>(no model)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DashboardRangeTab.cpp" line="490"/>
        <source>(no user)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/DashboardRangeTab.cpp" line="541"/>
        <source>Reading the usage figures failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Console::EventsPage</name>
    <message>
        <location filename="../ui/EventsPage.cpp" line="82"/>
        <source>Printed on every label, e.g. DevFest 2026</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/EventsPage.cpp" line="86"/>
        <source>Short text for the claim page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/EventsPage.cpp" line="90"/>
        <source>Single-use codes, one per badge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/EventsPage.cpp" line="91"/>
        <source>One shared code, for a poster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/EventsPage.cpp" line="98"/>
        <source>Empty for a random code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/EventsPage.cpp" line="107"/>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/EventsPage.cpp" line="109"/>
        <source>&amp;Create Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/EventsPage.cpp" line="115"/>
        <source>https://gateway.example.org</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/EventsPage.cpp" line="116"/>
        <source>The gateway as phones reach it; QR codes point here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/EventsPage.cpp" line="117"/>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/EventsPage.cpp" line="136"/>
        <source>Public URL:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/EventsPage.cpp" line="137"/>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/EventsPage.cpp" line="138"/>
        <source>&amp;Text:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/EventsPage.cpp" line="139"/>
        <source>Codes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/EventsPage.cpp" line="140"/>
        <source>Number of codes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/EventsPage.cpp" line="141"/>
        <source>Shared code:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/EventsPage.cpp" line="142"/>
        <source>Claim cap:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/EventsPage.cpp" line="143"/>
        <source>Trial length:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/EventsPage.cpp" line="159"/>
        <source>Avery L7160 (A4, 3 × 7)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/EventsPage.cpp" line="160"/>
        <source>Avery 5160 (US Letter, 3 × 10)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/EventsPage.cpp" line="166"/>
        <source> mm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/EventsPage.cpp" line="167"/>
        <source>Calibration for printers that shift the page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/EventsPage.cpp" line="174"/>
        <source>Labels already used on the first sheet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/EventsPage.cpp" line="176"/>
        <source>&amp;Print…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/EventsPage.cpp" line="179"/>
        <source>Export P&amp;DF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/EventsPage.cpp" line="182"/>
        <source>Save &amp;QR Code…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/EventsPage.cpp" line="184"/>
        <source>Saves the selected code&apos;s QR code as PNG or SVG.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/EventsPage.cpp" line="188"/>
        <source>Labels:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/EventsPage.cpp" line="189"/>
        <source>Offset right:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/EventsPage.cpp" line="190"/>
        <source>Offset down:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/EventsPage.cpp" line="191"/>
        <source>Skip labels:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/EventsPage.cpp" line="216"/>
        <source>ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/EventsPage.cpp" line="216"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/EventsPage.cpp" line="216"/>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/EventsPage.cpp" line="216"/>
        <source>Codes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/EventsPage.cpp" line="216"/>
        <source>Claims</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/EventsPage.cpp" line="216"/>
        <source>Cap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/EventsPage.cpp" line="216"/>
        <source>Paid later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/EventsPage.cpp" line="217"/>
        <source>Ends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/EventsPage.cpp" line="217"/>
        <source>Revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/EventsPage.cpp" line="220"/>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/EventsPage.cpp" line="223"/>
        <source>Re&amp;voke Codes…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/EventsPage.cpp" line="225"/>
        <source>Stops every code of the selected event, e.g. after a sheet leaked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/EventsPage.cpp" line="228"/>
        <source>Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/EventsPage.cpp" line="238"/>
        <source>Claimed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/EventsPage.cpp" line="238"/>
        <source>Event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/EventsPage.cpp" line="238"/>
        <source>Key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/EventsPage.cpp" line="238"/>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/EventsPage.cpp" line="238"/>
        <source>Tier now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/EventsPage.cpp" line="238"/>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/EventsPage.cpp" line="238"/>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/EventsPage.cpp" line="242"/>
        <source>Claims, newest first, as they happen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/EventsPage.cpp" line="261"/>
        <source>Give the event a name; it is printed on every label.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/EventsPage.cpp" line="278"/>
        <source>shared</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/EventsPage.cpp" line="278"/>
        <source>single-use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/EventsPage.cpp" line="279"/>
        <source>1 per code</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/EventsPage.cpp" line="292"/>
        <source>Created %1 with %n code(s). Print or export the codes now: only their hashes are stored, so they cannot be shown again after the console closes.</source>
        <translation>
            <numerusform>Created %1 with %n code. Print or export it now: only its hash is stored, so it cannot be shown again after the console closes.</numerusform>
            <numerusform>Created %1 with %n codes. Print or export the codes now: only their hashes are stored, so they cannot be shown again after the console closes.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/EventsPage.cpp" line="310"/>
        <source>The codes of %1 no longer work.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/EventsPage.cpp" line="410"/>
        <source>Cannot make the sheet: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/EventsPage.cpp" line="419"/>
        <location filename="../ui/EventsPage.cpp" line="472"/>
        <source>Select an event created in this session and set the public URL first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/EventsPage.cpp" line="424"/>
        <location filename="../ui/EventsPage.cpp" line="447"/>
        <source>Cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/EventsPage.cpp" line="427"/>
        <source>Saved the sheet to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/EventsPage.cpp" line="435"/>
        <source>Select a code and set the public URL first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/EventsPage.cpp" line="450"/>
        <source>Saved the QR code to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/EventsPage.cpp" line="456"/>
        <source>Export Sheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/EventsPage.cpp" line="456"/>
        <source>PDF files (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/EventsPage.cpp" line="463"/>
        <source>Save QR Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/EventsPage.cpp" line="464"/>
        <source>PNG images (*.png);;SVG drawings (*.svg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/EventsPage.cpp" line="484"/>
        <source>Sent the sheet to the printer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/EventsPage.cpp" line="492"/>
        <source>Revoke Codes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/EventsPage.cpp" line="493"/>
        <source>Stop every code of event %1? Keys already claimed keep working.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Console::InsightsPage</name>
    <message>
        <location filename="../ui/InsightsPage.cpp" line="131"/>
        <source>Languages and frameworks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/InsightsPage.cpp" line="132"/>
        <source>Peak hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/InsightsPage.cpp" line="133"/>
        <source>Upsell and churn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/InsightsPage.cpp" line="134"/>
        <source>Countries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/InsightsPage.cpp" line="153"/>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/InsightsPage.cpp" line="171"/>
        <source>Languages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/InsightsPage.cpp" line="174"/>
        <source>Frameworks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/InsightsPage.cpp" line="179"/>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/InsightsPage.cpp" line="179"/>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/InsightsPage.cpp" line="179"/>
        <location filename="../ui/InsightsPage.cpp" line="524"/>
        <source>Named by the client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/InsightsPage.cpp" line="179"/>
        <location filename="../ui/InsightsPage.cpp" line="525"/>
        <source>Detected in the prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/InsightsPage.cpp" line="179"/>
        <location filename="../ui/InsightsPage.cpp" line="301"/>
        <location filename="../ui/InsightsPage.cpp" line="539"/>
        <location filename="../ui/InsightsPage.cpp" line="606"/>
        <source>Requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/InsightsPage.cpp" line="180"/>
        <source>Clients can name the language and framework of a request in context.language and context.framework. Requests without them are counted by keywords found in the prompt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/InsightsPage.cpp" line="191"/>
        <source>topics.csv</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/InsightsPage.cpp" line="219"/>
        <location filename="../ui/InsightsPage.cpp" line="230"/>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/InsightsPage.cpp" line="219"/>
        <location filename="../ui/InsightsPage.cpp" line="230"/>
        <source>Tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/InsightsPage.cpp" line="219"/>
        <source>Days near a limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/InsightsPage.cpp" line="219"/>
        <source>Limits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/InsightsPage.cpp" line="220"/>
        <source>Highest use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/InsightsPage.cpp" line="220"/>
        <location filename="../ui/InsightsPage.cpp" line="231"/>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/InsightsPage.cpp" line="221"/>
        <source>Upsell: free users close to a limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/InsightsPage.cpp" line="222"/>
        <source>Users of the free tier who used 80 % or more of a daily or monthly limit on at least 3 of the last 7 days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/InsightsPage.cpp" line="228"/>
        <source>upsell-candidates.csv</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/InsightsPage.cpp" line="230"/>
        <source>Requests, previous 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/InsightsPage.cpp" line="231"/>
        <source>Requests, last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/InsightsPage.cpp" line="231"/>
        <source>Drop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/InsightsPage.cpp" line="232"/>
        <source>Churn risk: use fell by half or more</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/InsightsPage.cpp" line="233"/>
        <source>Users whose requests in the last 7 days are at most half of those in the 7 days before, among users with at least %n requests then.</source>
        <translation>
            <numerusform>Users whose requests in the last 7 days are at most half of those in the 7 days before, among users with at least %n request then.</numerusform>
            <numerusform>Users whose requests in the last 7 days are at most half of those in the 7 days before, among users with at least %n requests then.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/InsightsPage.cpp" line="240"/>
        <source>churn-risks.csv</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/InsightsPage.cpp" line="262"/>
        <source>&lt;p&gt;&lt;b&gt;No GeoIP database is set&lt;/b&gt;, so client addresses are not turned into countries.&lt;/p&gt;&lt;p&gt;To add one, download a free country database in MaxMind DB format (a &lt;tt&gt;.mmdb&lt;/tt&gt; file):&lt;/p&gt;&lt;ul&gt;&lt;li&gt;DB-IP &lt;i&gt;IP to Country Lite&lt;/i&gt; (free, CC BY 4.0, updated monthly): &lt;a href=&quot;https://db-ip.com/db/download/ip-to-country-lite&quot;&gt;db-ip.com/db/download/ip-to-country-lite&lt;/a&gt; (choose the MMDB format)&lt;/li&gt;&lt;li&gt;MaxMind &lt;i&gt;GeoLite2 Country&lt;/i&gt; (free account needed): &lt;a href=&quot;https://dev.maxmind.com/geoip/geolite2-free-geolocation-data&quot;&gt;dev.maxmind.com/geoip/geolite2-free-geolocation-data&lt;/a&gt;&lt;/li&gt;&lt;/ul&gt;&lt;p&gt;Unpack it, then click &lt;b&gt;Choose .mmdb file…&lt;/b&gt; below. The path is stored in the gateway&apos;s settings as &lt;tt&gt;geoip_database&lt;/tt&gt; and applies to past traffic too, because client addresses are kept per day.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/InsightsPage.cpp" line="279"/>
        <source>Choose .mmdb file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/InsightsPage.cpp" line="294"/>
        <source>Change database…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/InsightsPage.cpp" line="301"/>
        <location filename="../ui/InsightsPage.cpp" line="625"/>
        <source>Country</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/InsightsPage.cpp" line="301"/>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/InsightsPage.cpp" line="301"/>
        <source>Users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/InsightsPage.cpp" line="301"/>
        <source>Share of requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/InsightsPage.cpp" line="308"/>
        <source>countries.csv</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/InsightsPage.cpp" line="400"/>
        <source>Requests per weekday and hour of day in the chosen range, hours in %1. Hover a cell for its count.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/InsightsPage.cpp" line="413"/>
        <source>languages and frameworks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/InsightsPage.cpp" line="425"/>
        <source>peak hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/InsightsPage.cpp" line="437"/>
        <source>upsell candidates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/InsightsPage.cpp" line="449"/>
        <source>churn risks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/InsightsPage.cpp" line="483"/>
        <source>countries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/InsightsPage.cpp" line="497"/>
        <source>Cannot read the %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/InsightsPage.cpp" line="509"/>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/InsightsPage.cpp" line="509"/>
        <source>Framework</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/InsightsPage.cpp" line="539"/>
        <location filename="../ui/InsightsPage.cpp" line="626"/>
        <source>requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/InsightsPage.cpp" line="554"/>
        <source>Used %1 % or more of %2 on %3 of the last 7 days, at most %4 %.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/InsightsPage.cpp" line="565"/>
        <location filename="../ui/InsightsPage.cpp" line="580"/>
        <source>Upsell and churn (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/InsightsPage.cpp" line="573"/>
        <source>Requests fell from %1 to %2 week over week.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/InsightsPage.cpp" line="588"/>
        <source>The configured database %1 cannot be used: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/InsightsPage.cpp" line="594"/>
        <source>Countries from %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/InsightsPage.cpp" line="608"/>
        <location filename="../ui/InsightsPage.cpp" line="615"/>
        <source>Unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/InsightsPage.cpp" line="626"/>
        <source>Requests in the range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/InsightsPage.cpp" line="633"/>
        <source>Choose a GeoIP country database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/InsightsPage.cpp" line="634"/>
        <source>MaxMind DB files (*.mmdb)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/InsightsPage.cpp" line="652"/>
        <source>The GeoIP database was not set: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
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
        <location filename="../ui/IssuedKeyPanel.cpp" line="29"/>
        <source>&amp;Copy key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/IssuedKeyPanel.cpp" line="30"/>
        <source>Copy &amp;snippet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/IssuedKeyPanel.cpp" line="31"/>
        <source>&amp;Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/IssuedKeyPanel.cpp" line="46"/>
        <source>Copy the key now. Only its hash is stored, so it cannot be shown again after you close this panel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/IssuedKeyPanel.cpp" line="54"/>
        <source>New API key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/IssuedKeyPanel.cpp" line="60"/>
        <source>Code example</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/IssuedKeyPanel.cpp" line="78"/>
        <source>curl</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/IssuedKeyPanel.cpp" line="79"/>
        <source>Python (ollama)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/IssuedKeyPanel.cpp" line="80"/>
        <source>Python (openai)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/IssuedKeyPanel.cpp" line="81"/>
        <source>JavaScript (ollama)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/IssuedKeyPanel.cpp" line="82"/>
        <source>JavaScript (openai)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/IssuedKeyPanel.cpp" line="85"/>
        <source>Try it &amp;with:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/IssuedKeyPanel.cpp" line="131"/>
        <source>New key %1 for %2 (tier %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/IssuedKeyPanel.cpp" line="150"/>
        <source>Key copied to the clipboard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/IssuedKeyPanel.cpp" line="156"/>
        <source>Snippet copied to the clipboard.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/IssuedKeyPanel.cpp" line="212"/>
        <source>List the models this key may use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/IssuedKeyPanel.cpp" line="215"/>
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
        <location filename="../ui/KeyListModel.cpp" line="121"/>
        <source>Key ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeyListModel.cpp" line="123"/>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeyListModel.cpp" line="125"/>
        <source>Tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeyListModel.cpp" line="127"/>
        <source>Operator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeyListModel.cpp" line="129"/>
        <source>Hint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeyListModel.cpp" line="131"/>
        <source>Label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeyListModel.cpp" line="133"/>
        <source>Created</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeyListModel.cpp" line="135"/>
        <source>Expires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeyListModel.cpp" line="137"/>
        <source>Revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeyListModel.cpp" line="139"/>
        <source>Last used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeyListModel.cpp" line="141"/>
        <source>Last used from</source>
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
        <location filename="../ui/KeysPage.cpp" line="76"/>
        <source>R&amp;otate…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeysPage.cpp" line="78"/>
        <source>Issue a successor of the selected key; the old key keeps working for a day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeysPage.cpp" line="168"/>
        <source>The key was not issued: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeysPage.cpp" line="185"/>
        <location filename="../ui/KeysPage.cpp" line="189"/>
        <source>Revoke key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeysPage.cpp" line="187"/>
        <source>Revoke key %1 (%2) of user %3?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeysPage.cpp" line="188"/>
        <source>Clients using this key are rejected from then on. This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeysPage.cpp" line="220"/>
        <location filename="../ui/KeysPage.cpp" line="225"/>
        <source>Rotate key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeysPage.cpp" line="222"/>
        <source>Rotate key %1 (%2) of user %3?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeysPage.cpp" line="223"/>
        <source>A new key is issued and shown once. The old key keeps working for 24 hours, then expires.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeysPage.cpp" line="244"/>
        <source>Key %1 was revoked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeysPage.cpp" line="252"/>
        <source>Key %1 was not rotated: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/KeysPage.cpp" line="260"/>
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
        <location filename="../ui/MainWindow.cpp" line="60"/>
        <source>Soulfra Gateway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="71"/>
        <source>Live Log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="76"/>
        <source>Keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="80"/>
        <source>Users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="84"/>
        <source>Tiers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="88"/>
        <source>Events</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="93"/>
        <source>Dashboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="98"/>
        <source>User Usage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="103"/>
        <source>Model Usage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="109"/>
        <source>Insights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="137"/>
        <source>&amp;Start Gateway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="139"/>
        <source>Ctrl+R</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="140"/>
        <source>Start listening for client requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="143"/>
        <source>S&amp;top Gateway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="145"/>
        <source>Ctrl+T</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="146"/>
        <source>Stop accepting requests and let those in flight finish</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="149"/>
        <source>&amp;Retention and Privacy…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="151"/>
        <source>Choose how much prompt text is kept and when old log rows are deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="158"/>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="165"/>
        <source>&amp;Gateway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="173"/>
        <source>Gateway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/MainWindow.cpp" line="397"/>
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
    <name>Console::ModelUsagePage</name>
    <message>
        <location filename="../ui/ModelUsagePage.cpp" line="46"/>
        <source>(no tier)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ModelUsagePage.cpp" line="77"/>
        <location filename="../ui/ModelUsagePage.cpp" line="342"/>
        <source>Tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ModelUsagePage.cpp" line="77"/>
        <source>Requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ModelUsagePage.cpp" line="77"/>
        <source>Generations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ModelUsagePage.cpp" line="77"/>
        <source>Prompt tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ModelUsagePage.cpp" line="78"/>
        <source>Completion tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ModelUsagePage.cpp" line="78"/>
        <source>Failed requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ModelUsagePage.cpp" line="78"/>
        <source>Mean latency (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ModelUsagePage.cpp" line="79"/>
        <source>p95 latency (ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ModelUsagePage.cpp" line="87"/>
        <source>model-usage-by-tier.csv</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ModelUsagePage.cpp" line="130"/>
        <source>Type to search models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ModelUsagePage.cpp" line="142"/>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ModelUsagePage.cpp" line="149"/>
        <source>&amp;Model:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ModelUsagePage.cpp" line="151"/>
        <source>&amp;Show:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ModelUsagePage.cpp" line="219"/>
        <source>Cannot read the models: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ModelUsagePage.cpp" line="293"/>
        <source>Cannot read the usage of %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ModelUsagePage.cpp" line="326"/>
        <source>Hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ModelUsagePage.cpp" line="327"/>
        <source>Month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ModelUsagePage.cpp" line="328"/>
        <source>Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ModelUsagePage.cpp" line="332"/>
        <source>%1 of %2 over time, by tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/ModelUsagePage.cpp" line="348"/>
        <source>%1 in the range, by tier</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Console::PeakHoursHeatMap</name>
    <message>
        <location filename="../ui/PeakHoursHeatMap.cpp" line="53"/>
        <source>Requests by weekday and hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/PeakHoursHeatMap.cpp" line="147"/>
        <source>%1 %2–%3: %4 requests</source>
        <extracomment>%1 weekday, %2 and %3 start and end hour such as 14:00, %4 number of requests</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/PeakHoursHeatMap.cpp" line="242"/>
        <source>requests per hour, summed over the range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/PeakHoursHeatMap.cpp" line="257"/>
        <source>Save as PNG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/PeakHoursHeatMap.cpp" line="263"/>
        <source>Save heat map as PNG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/PeakHoursHeatMap.cpp" line="263"/>
        <source>PNG images (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/PeakHoursHeatMap.cpp" line="267"/>
        <source>peak-hours.png</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Console::QrPreview</name>
    <message>
        <location filename="../ui/QrPreview.cpp" line="32"/>
        <source>Select a code to preview its QR code.</source>
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
    <name>Console::RetentionSettingsDialog</name>
    <message>
        <location filename="../ui/RetentionSettingsDialog.cpp" line="31"/>
        <source>Retention Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/RetentionSettingsDialog.cpp" line="35"/>
        <source>Full text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/RetentionSettingsDialog.cpp" line="36"/>
        <source>First characters only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/RetentionSettingsDialog.cpp" line="37"/>
        <source>No text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/RetentionSettingsDialog.cpp" line="44"/>
        <source> characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/RetentionSettingsDialog.cpp" line="49"/>
        <source>Keep forever</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/RetentionSettingsDialog.cpp" line="50"/>
        <source> days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/RetentionSettingsDialog.cpp" line="53"/>
        <source>Prompt and response &amp;text:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/RetentionSettingsDialog.cpp" line="54"/>
        <source>&amp;Characters kept:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/RetentionSettingsDialog.cpp" line="55"/>
        <source>Delete raw log rows &amp;after:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/RetentionSettingsDialog.cpp" line="58"/>
        <source>Text settings apply to new requests within 2 seconds. The purge runs daily and within seconds of a change; it always keeps the current month, which limits are counted from, and never deletes the hourly and daily usage that charts show. Per-minute usage is kept for %1 days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/RetentionSettingsDialog.cpp" line="65"/>
        <source>Reading the current settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/RetentionSettingsDialog.cpp" line="135"/>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/RetentionSettingsDialog.cpp" line="145"/>
        <source>The retention settings could not be read or saved: %1</source>
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
    <name>Console::TableCsvExport</name>
    <message>
        <location filename="../ui/TableCsvExport.cpp" line="94"/>
        <source>Could not write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/TableCsvExport.cpp" line="100"/>
        <source>Export CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/TableCsvExport.cpp" line="102"/>
        <source>Save this table as a CSV file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/TableCsvExport.cpp" line="107"/>
        <location filename="../ui/TableCsvExport.cpp" line="117"/>
        <source>Export CSV</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/TableCsvExport.cpp" line="107"/>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Console::TiersPage</name>
    <message>
        <location filename="../ui/TiersPage.cpp" line="47"/>
        <source>API calls per day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/TiersPage.cpp" line="48"/>
        <source>Generations per month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/TiersPage.cpp" line="49"/>
        <source>Brands per month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/TiersPage.cpp" line="50"/>
        <source>Requests per minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/TiersPage.cpp" line="51"/>
        <source>Tokens per day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/TiersPage.cpp" line="52"/>
        <source>Tokens per month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/TiersPage.cpp" line="53"/>
        <source>Concurrent streams</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/TiersPage.cpp" line="58"/>
        <source>Tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/TiersPage.cpp" line="58"/>
        <source>Users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/TiersPage.cpp" line="58"/>
        <source>Price ($/month)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/TiersPage.cpp" line="61"/>
        <source>Priority</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/TiersPage.cpp" line="61"/>
        <source>Models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/TiersPage.cpp" line="96"/>
        <source>e.g. team</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/TiersPage.cpp" line="97"/>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/TiersPage.cpp" line="102"/>
        <source>&amp;Price ($/month):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/TiersPage.cpp" line="106"/>
        <source>a number or unlimited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/TiersPage.cpp" line="113"/>
        <source>* or patterns such as llama3.2:*, qwen2.5-coder:7b</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/TiersPage.cpp" line="114"/>
        <source>&amp;Models:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/TiersPage.cpp" line="119"/>
        <source>When the upstream is saturated, requests of higher priority are served first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/TiersPage.cpp" line="120"/>
        <source>Queue p&amp;riority:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/TiersPage.cpp" line="124"/>
        <source>empty: not a trial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/TiersPage.cpp" line="125"/>
        <source>&amp;Trial days:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/TiersPage.cpp" line="129"/>
        <source>&amp;After the trial:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/TiersPage.cpp" line="139"/>
        <source>&amp;New tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/TiersPage.cpp" line="141"/>
        <source>&amp;Save tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/TiersPage.cpp" line="166"/>
        <source>(stay on this tier)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/TiersPage.cpp" line="256"/>
        <source>Name: use 1-32 lower-case letters, digits and _, starting with a letter.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/TiersPage.cpp" line="260"/>
        <source>Name: a tier named %1 exists; select it in the list to change it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/TiersPage.cpp" line="268"/>
        <source>Price: &quot;%1&quot; is not an amount such as 19.00.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/TiersPage.cpp" line="285"/>
        <source>Models: &quot;%1&quot; is not a model name or pattern such as llama3.2:*.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/TiersPage.cpp" line="289"/>
        <source>Models: enter * or at least one model pattern.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/TiersPage.cpp" line="299"/>
        <source>Trial days: &quot;%1&quot; is not a whole number from 1 to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/TiersPage.cpp" line="304"/>
        <source>After the trial: a tier cannot fall back to itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/TiersPage.cpp" line="324"/>
        <source>Saved tier %1. The gateway applies its limits now.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/TiersPage.cpp" line="331"/>
        <source>Tier %1 was not saved: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Console::UsageChartView</name>
    <message>
        <location filename="../ui/UsageChartView.cpp" line="142"/>
        <source>Time (local)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageChartView.cpp" line="142"/>
        <source>Date (local)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageChartView.cpp" line="322"/>
        <source>%1 %2</source>
        <comment>value and unit</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageChartView.cpp" line="350"/>
        <source>%1: %2
%3</source>
        <comment>series name, value, period</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageChartView.cpp" line="363"/>
        <source>%1: %2</source>
        <comment>category, value</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageChartView.cpp" line="364"/>
        <source>%1 — %2: %3</source>
        <comment>bar set, category, value</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageChartView.cpp" line="426"/>
        <source>Save as PNG…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageChartView.cpp" line="436"/>
        <source>Save Chart as PNG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageChartView.cpp" line="436"/>
        <source>PNG images (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageChartView.cpp" line="442"/>
        <source>Could not write %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Console::UsageMetric</name>
    <message>
        <location filename="../ui/UsageMetric.cpp" line="31"/>
        <location filename="../ui/UsageMetric.cpp" line="68"/>
        <source>Requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageMetric.cpp" line="33"/>
        <location filename="../ui/UsageMetric.cpp" line="70"/>
        <source>Generations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageMetric.cpp" line="35"/>
        <source>Tokens (prompt and completion)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageMetric.cpp" line="37"/>
        <source>Prompt tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageMetric.cpp" line="39"/>
        <source>Completion tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageMetric.cpp" line="41"/>
        <location filename="../ui/UsageMetric.cpp" line="76"/>
        <source>Failed requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageMetric.cpp" line="50"/>
        <source>requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageMetric.cpp" line="52"/>
        <source>generations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageMetric.cpp" line="56"/>
        <source>tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageMetric.cpp" line="58"/>
        <source>failed requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageMetric.cpp" line="74"/>
        <source>Tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageMetric.cpp" line="83"/>
        <source>%1 per minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageMetric.cpp" line="85"/>
        <source>%1 per hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageMetric.cpp" line="87"/>
        <source>%1 per day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageMetric.cpp" line="89"/>
        <source>%1 per month</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Console::UsageRangeSelector</name>
    <message>
        <location filename="../ui/UsageRangeSelector.cpp" line="35"/>
        <source>Last 24 hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageRangeSelector.cpp" line="36"/>
        <source>Last 7 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageRangeSelector.cpp" line="37"/>
        <source>Last 30 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageRangeSelector.cpp" line="38"/>
        <source>Custom dates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageRangeSelector.cpp" line="53"/>
        <source>&amp;Range:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageRangeSelector.cpp" line="59"/>
        <source>to</source>
        <extracomment>Between the first and last date of a custom range</extracomment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Console::UsageStack</name>
    <message>
        <location filename="../ui/UsageStack.cpp" line="51"/>
        <source>Other</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Console::UserUsagePage</name>
    <message>
        <location filename="../ui/UserUsagePage.cpp" line="55"/>
        <source>Calls per day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserUsagePage.cpp" line="57"/>
        <source>Generations per month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserUsagePage.cpp" line="59"/>
        <source>Brands per month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserUsagePage.cpp" line="61"/>
        <source>Requests per minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserUsagePage.cpp" line="63"/>
        <source>Tokens per day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserUsagePage.cpp" line="65"/>
        <source>Tokens per month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserUsagePage.cpp" line="67"/>
        <source>Open streams</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserUsagePage.cpp" line="74"/>
        <source>Revoked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserUsagePage.cpp" line="76"/>
        <source>Expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserUsagePage.cpp" line="77"/>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserUsagePage.cpp" line="108"/>
        <source>Soulfra Gateway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserUsagePage.cpp" line="142"/>
        <source>Type to search users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserUsagePage.cpp" line="154"/>
        <source>&amp;Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserUsagePage.cpp" line="158"/>
        <source>Monthly report (PDF)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserUsagePage.cpp" line="160"/>
        <source>Write the selected user&apos;s usage in one month as a PDF for invoicing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserUsagePage.cpp" line="163"/>
        <source>&amp;User:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserUsagePage.cpp" line="165"/>
        <source>&amp;Show:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserUsagePage.cpp" line="191"/>
        <source>Chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserUsagePage.cpp" line="193"/>
        <source>Period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserUsagePage.cpp" line="193"/>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserUsagePage.cpp" line="193"/>
        <source>Requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserUsagePage.cpp" line="193"/>
        <source>Generations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserUsagePage.cpp" line="194"/>
        <source>Prompt tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserUsagePage.cpp" line="194"/>
        <source>Completion tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserUsagePage.cpp" line="194"/>
        <source>Failed requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserUsagePage.cpp" line="197"/>
        <source>user-usage.csv</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserUsagePage.cpp" line="202"/>
        <source>Table</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserUsagePage.cpp" line="208"/>
        <source>Use of the tier&apos;s limits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserUsagePage.cpp" line="211"/>
        <location filename="../ui/UserUsagePage.cpp" line="460"/>
        <source>Select a user.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserUsagePage.cpp" line="220"/>
        <source>Keys and their last use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserUsagePage.cpp" line="222"/>
        <source>Key ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserUsagePage.cpp" line="222"/>
        <source>Hint</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserUsagePage.cpp" line="222"/>
        <source>Label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserUsagePage.cpp" line="222"/>
        <source>Tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserUsagePage.cpp" line="222"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserUsagePage.cpp" line="222"/>
        <source>Last used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserUsagePage.cpp" line="222"/>
        <source>Last address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserUsagePage.cpp" line="224"/>
        <source>user-keys.csv</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserUsagePage.cpp" line="418"/>
        <source>Cannot read the usage of %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserUsagePage.cpp" line="432"/>
        <source>(no model)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserUsagePage.cpp" line="434"/>
        <source>Hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserUsagePage.cpp" line="435"/>
        <source>Month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserUsagePage.cpp" line="436"/>
        <source>Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserUsagePage.cpp" line="439"/>
        <source>%1 of %2 by model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserUsagePage.cpp" line="469"/>
        <source>Cannot read the limits: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserUsagePage.cpp" line="474"/>
        <source>%1 has no limits.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserUsagePage.cpp" line="475"/>
        <source>Use in the current window of each limit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserUsagePage.cpp" line="486"/>
        <source>%1 used (unlimited)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserUsagePage.cpp" line="495"/>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserUsagePage.cpp" line="498"/>
        <source>Counted since %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserUsagePage.cpp" line="518"/>
        <source>never</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserUsagePage.cpp" line="522"/>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserUsagePage.cpp" line="537"/>
        <source>Monthly usage report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserUsagePage.cpp" line="551"/>
        <source>Choose file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserUsagePage.cpp" line="558"/>
        <source>Usage report of %1 as PDF.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserUsagePage.cpp" line="559"/>
        <source>&amp;Month:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserUsagePage.cpp" line="566"/>
        <source>Save usage report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserUsagePage.cpp" line="566"/>
        <source>PDF documents (*.pdf)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserUsagePage.cpp" line="570"/>
        <source>usage-%1-%2.pdf</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserUsagePage.cpp" line="580"/>
        <source>Select a user first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserUsagePage.cpp" line="606"/>
        <source>The report was not written: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UserUsagePage.cpp" line="610"/>
        <source>Wrote the report to %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Console::UsersPage</name>
    <message>
        <location filename="../ui/UsersPage.cpp" line="62"/>
        <source>API calls per day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsersPage.cpp" line="63"/>
        <source>Generations per month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsersPage.cpp" line="64"/>
        <source>Brands per month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsersPage.cpp" line="65"/>
        <source>Requests per minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsersPage.cpp" line="66"/>
        <source>Tokens per day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsersPage.cpp" line="67"/>
        <source>Tokens per month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsersPage.cpp" line="68"/>
        <source>Concurrent streams</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsersPage.cpp" line="73"/>
        <source>Search users by name, tier, status, email or GitHub login</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsersPage.cpp" line="76"/>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsersPage.cpp" line="76"/>
        <source>Tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsersPage.cpp" line="76"/>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsersPage.cpp" line="76"/>
        <source>Email</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsersPage.cpp" line="76"/>
        <source>GitHub</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsersPage.cpp" line="76"/>
        <source>Trial ends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsersPage.cpp" line="98"/>
        <source>&amp;New user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsersPage.cpp" line="100"/>
        <location filename="../ui/UsersPage.cpp" line="332"/>
        <source>S&amp;uspend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsersPage.cpp" line="147"/>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsersPage.cpp" line="150"/>
        <source>&amp;Tier:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsersPage.cpp" line="153"/>
        <source>active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsersPage.cpp" line="154"/>
        <source>suspended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsersPage.cpp" line="155"/>
        <source>&amp;Status:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsersPage.cpp" line="158"/>
        <source>&amp;Email:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsersPage.cpp" line="161"/>
        <source>&amp;GitHub login:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsersPage.cpp" line="164"/>
        <source>Trial ends:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsersPage.cpp" line="166"/>
        <source>Limits of this user (empty: the tier&apos;s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsersPage.cpp" line="171"/>
        <source>tier&apos;s value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsersPage.cpp" line="176"/>
        <source>tier&apos;s models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsersPage.cpp" line="177"/>
        <source>Models:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsersPage.cpp" line="187"/>
        <source>Sa&amp;ve user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsersPage.cpp" line="190"/>
        <source>E&amp;xport data…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsersPage.cpp" line="194"/>
        <source>&amp;Delete with all data…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsersPage.cpp" line="213"/>
        <source>Keys:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsersPage.cpp" line="222"/>
        <source>Use of the limits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsersPage.cpp" line="229"/>
        <source>Calls today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsersPage.cpp" line="229"/>
        <source>Generations this month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsersPage.cpp" line="229"/>
        <source>Brands this month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsersPage.cpp" line="230"/>
        <source>Requests in the last minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsersPage.cpp" line="230"/>
        <source>Tokens today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsersPage.cpp" line="230"/>
        <source>Tokens this month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsersPage.cpp" line="231"/>
        <source>Open streams</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsersPage.cpp" line="322"/>
        <source>no trial</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsersPage.cpp" line="332"/>
        <source>Acti&amp;vate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsersPage.cpp" line="351"/>
        <source>(revoked)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsersPage.cpp" line="353"/>
        <source>(expired)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsersPage.cpp" line="357"/>
        <source>No keys yet; issue one on the Keys page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsersPage.cpp" line="365"/>
        <source>%1 (unlimited)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsersPage.cpp" line="373"/>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsersPage.cpp" line="379"/>
        <source>Select a user.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsersPage.cpp" line="379"/>
        <source>Start the gateway to see usage.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsersPage.cpp" line="390"/>
        <source>Limits of tier %1%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsersPage.cpp" line="390"/>
        <source>, suspended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsersPage.cpp" line="438"/>
        <source>Name: use 1-%1 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsersPage.cpp" line="442"/>
        <source>Name: a user named %1 exists; select it in the list to change it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsersPage.cpp" line="446"/>
        <source>Tier: choose a tier.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsersPage.cpp" line="455"/>
        <source>Email: &quot;%1&quot; is not an email address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsersPage.cpp" line="476"/>
        <source>Models: &quot;%1&quot; is not a model name or pattern such as llama3.2:*.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsersPage.cpp" line="510"/>
        <source>Saved user %1 (tier %2, %3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsersPage.cpp" line="518"/>
        <source>User %1 was not saved: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsersPage.cpp" line="526"/>
        <source>Export Data of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsersPage.cpp" line="528"/>
        <source>JSON files (*.json)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsersPage.cpp" line="544"/>
        <source>Delete User with All Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsersPage.cpp" line="545"/>
        <source>Delete user %1 with all their data?</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/UsersPage.cpp" line="547"/>
        <source>This deletes for good: the user, their %n key(s), their request log rows, their hourly, daily and per-minute usage, languages and frameworks, client addresses and event claims. Their requests no longer count in any chart. Other users&apos; data stays as it is.

Export the data first if you need a copy.</source>
        <translation>
            <numerusform>This deletes for good: the user, their %n key, their request log rows, their hourly, daily and per-minute usage, languages and frameworks, client addresses and event claims. Their requests no longer count in any chart. Other users&apos; data stays as it is.

Export the data first if you need a copy.</numerusform>
            <numerusform>This deletes for good: the user, their %n keys, their request log rows, their hourly, daily and per-minute usage, languages and frameworks, client addresses and event claims. Their requests no longer count in any chart. Other users&apos; data stays as it is.

Export the data first if you need a copy.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/UsersPage.cpp" line="552"/>
        <source>Delete %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsersPage.cpp" line="564"/>
        <source>Exported the data of %1 to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsersPage.cpp" line="569"/>
        <source>Deleted user %1 with all their data (%2 rows).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsersPage.cpp" line="577"/>
        <source>The data of user %1 could not be processed: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>EventsCommand</name>
    <message>
        <location filename="../app/EventsCommand.cpp" line="34"/>
        <source>Run &apos;%1 %2 --help&apos; for its options.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/EventsCommand.cpp" line="55"/>
        <source>Directory that contains the gateway database (gateway.sqlite). Default: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/EventsCommand.cpp" line="57"/>
        <source>dir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/EventsCommand.cpp" line="62"/>
        <source>Show this help and exit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/EventsCommand.cpp" line="70"/>
        <source>Usage: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/EventsCommand.cpp" line="95"/>
        <source>the value of --data-dir must not be empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/EventsCommand.cpp" line="98"/>
        <source>no gateway database at %1; check --data-dir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/EventsCommand.cpp" line="115"/>
        <source>invalid --%1 value &quot;%2&quot;: use a whole number from 1 to %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/EventsCommand.cpp" line="133"/>
        <source>Event name, printed on every label. Required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/EventsCommand.cpp" line="135"/>
        <source>Make this many single-use codes, one per badge or card (1 to %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/EventsCommand.cpp" line="139"/>
        <source>Use one shared code for a poster: 8 to 32 Crockford Base32 symbols, or &quot;auto&quot; for a random one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/EventsCommand.cpp" line="142"/>
        <source>Most claims of a shared code. Default: 100.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/EventsCommand.cpp" line="143"/>
        <source>Days each trial key works. Default: 7.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/EventsCommand.cpp" line="144"/>
        <source>Days from now the codes can be claimed. Default: 30.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/EventsCommand.cpp" line="146"/>
        <source>Tier of the trial keys. Default: pro_trial.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/EventsCommand.cpp" line="147"/>
        <source>Short text for the claim page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/EventsCommand.cpp" line="154"/>
        <source>Creates an event and prints its id, then its codes one per line. Only hashes of the codes are stored: keep this output to print the sheet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/EventsCommand.cpp" line="161"/>
        <source>missing --name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/EventsCommand.cpp" line="163"/>
        <source>give exactly one of --single-use N and --shared CODE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/EventsCommand.cpp" line="174"/>
        <source>--cap works only with --shared, because each single-use code allows one claim</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/EventsCommand.cpp" line="226"/>
        <source>Lists events and their claims.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/EventsCommand.cpp" line="237"/>
        <source>ID	KIND	CODES	CLAIMS	CAP	PAID	ENDS	REVOKED	NAME</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/EventsCommand.cpp" line="254"/>
        <source>The event whose codes stop working.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/EventsCommand.cpp" line="259"/>
        <source>Revokes every code of an event, e.g. after a sheet leaked. Keys already claimed keep working.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/EventsCommand.cpp" line="265"/>
        <location filename="../app/EventsCommand.cpp" line="417"/>
        <location filename="../app/EventsCommand.cpp" line="493"/>
        <source>give exactly one event id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/EventsCommand.cpp" line="275"/>
        <source>Revoked the codes of event %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/EventsCommand.cpp" line="285"/>
        <source>Public base URL, e.g. https://gw.example.org</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/EventsCommand.cpp" line="290"/>
        <source>Sets the address that QR codes point to: the gateway as phones reach it, e.g. through a reverse proxy or tunnel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/EventsCommand.cpp" line="297"/>
        <source>give one http or https URL without query or fragment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/EventsCommand.cpp" line="307"/>
        <source>QR codes now point to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/EventsCommand.cpp" line="325"/>
        <source>no public URL: give --public-url or run &apos;%1 set-url URL&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/EventsCommand.cpp" line="330"/>
        <source>&quot;%1&quot; is not an http or https URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/EventsCommand.cpp" line="346"/>
        <source>invalid code &quot;%1&quot; in the codes input: pass the lines that &apos;create&apos; printed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/EventsCommand.cpp" line="352"/>
        <source>code %1 does not belong to event %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/EventsCommand.cpp" line="358"/>
        <source>no codes given; pass the output of &apos;create&apos; with --codes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/EventsCommand.cpp" line="370"/>
        <source>cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/EventsCommand.cpp" line="390"/>
        <location filename="../app/EventsCommand.cpp" line="477"/>
        <source>The event.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/EventsCommand.cpp" line="391"/>
        <source>Label sheet: L7160 (A4, 3 x 7), 5160 (US Letter, 3 x 10), or a custom grid grid:COLSxROWS[:a4|letter] (labels of at least 20 mm).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/EventsCommand.cpp" line="421"/>
        <source>invalid --template &quot;%1&quot;: use L7160, 5160 or grid:COLSxROWS[:a4|letter]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/EventsCommand.cpp" line="394"/>
        <source>PDF file to write.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/EventsCommand.cpp" line="396"/>
        <source>File with the codes as &apos;create&apos; printed them, or - for standard input. Default: -.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/EventsCommand.cpp" line="399"/>
        <source>Base URL the QR codes point to. Default: the setting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/EventsCommand.cpp" line="401"/>
        <source>Move everything right by this many mm (-20 to 20).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/EventsCommand.cpp" line="402"/>
        <source>Move everything down by this many mm (-20 to 20).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/EventsCommand.cpp" line="403"/>
        <source>Labels already used on the first sheet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/EventsCommand.cpp" line="404"/>
        <source>Draw label borders, for a calibration print.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/EventsCommand.cpp" line="411"/>
        <source>Writes a printable sheet of labels: a QR code of the claim URL, the event name and the code on each. A shared code fills one page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/EventsCommand.cpp" line="423"/>
        <source>missing --out FILE.pdf</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/EventsCommand.cpp" line="429"/>
        <source>invalid --offset-x or --offset-y: use millimetres from -20 to 20</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/EventsCommand.cpp" line="468"/>
        <source>Wrote %1 labels on %2 pages to %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/EventsCommand.cpp" line="478"/>
        <source>The code to encode. Required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/EventsCommand.cpp" line="479"/>
        <source>PNG or SVG file to write, by its extension.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/EventsCommand.cpp" line="480"/>
        <source>Base URL the QR code points to. Default: the setting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/EventsCommand.cpp" line="482"/>
        <source>Pixels per module in a PNG. Default: 10.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/EventsCommand.cpp" line="489"/>
        <source>Writes the QR code of one claim URL, e.g. for a poster or a slide.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/EventsCommand.cpp" line="497"/>
        <source>--out must name a .png or .svg file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/EventsCommand.cpp" line="517"/>
        <source>the URL does not fit a QR code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/EventsCommand.cpp" line="528"/>
        <source>cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/EventsCommand.cpp" line="532"/>
        <source>Wrote %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/EventsCommand.cpp" line="557"/>
        <source>Usage: %1 create|list|revoke|set-url|sheet|qr [options]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/EventsCommand.cpp" line="558"/>
        <source>Run &apos;%1 COMMAND --help&apos; for the options of a command.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/EventsCommand.cpp" line="561"/>
        <source>%1: unknown command &quot;%2&quot;</source>
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
        <location filename="../app/KeysCommand.cpp" line="82"/>
        <source>the value of --data-dir must not be empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="96"/>
        <source>no gateway database at %1; check --data-dir or create a key first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="122"/>
        <source>User who owns the key; created when it does not exist yet. 1 to 64 ASCII letters, digits and . _ - @ +. Required, except with --operator where the default is &quot;operator&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="125"/>
        <location filename="../app/KeysCommand.cpp" line="132"/>
        <source>name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="128"/>
        <source>Tier the key is issued for: free, pro, pro_trial, enterprise or a tier added in the console. It also picks the key prefix. Default: the user&apos;s tier, free for a new user, enterprise with --operator. A new user gets this tier; an existing user keeps theirs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="135"/>
        <source>Issue an operator key (prefix sk_op_), which may also call the endpoints that change the model store: pull, push, create, copy, delete and blobs. Default: off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="139"/>
        <source>Note shown next to the key in lists, such as where it is used. At most 200 characters. Default: none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="141"/>
        <source>text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="144"/>
        <source>Days from now until the key stops working, a whole number from 1 to %1. Default: the key never expires.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="147"/>
        <source>days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="156"/>
        <source>Issues an API key and prints it once, alone on the last line of standard output. The database keeps only its SHA-256 hash, so the key cannot be shown again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="164"/>
        <location filename="../app/KeysCommand.cpp" line="340"/>
        <source>unexpected argument &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="180"/>
        <source>missing --user &lt;name&gt;: name the user who owns the key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="188"/>
        <source>invalid --expires-days value &quot;%1&quot;: use a whole number of days from 1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="218"/>
        <source>operator key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="218"/>
        <source>key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="220"/>
        <source>expires %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="221"/>
        <source>never expires</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="222"/>
        <source>Issued %1 %2 for user %3, tier %4; it %5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="225"/>
        <source>Copy it now: only its hash is stored, so it cannot be shown again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="255"/>
        <source>ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="255"/>
        <source>USER</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="255"/>
        <source>TIER</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="256"/>
        <source>OPERATOR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="256"/>
        <source>HINT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="256"/>
        <source>LABEL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="257"/>
        <source>CREATED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="257"/>
        <source>EXPIRES</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="257"/>
        <source>REVOKED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="258"/>
        <source>LAST USED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="258"/>
        <source>FROM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="267"/>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="267"/>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="323"/>
        <source>Print a JSON array with one object per key; times are ISO 8601 UTC with milliseconds, null when unset. Default: a text table.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="333"/>
        <source>Lists every issued key with its id, user, tier, hint, label and times (UTC). Keys themselves are never stored, so they are never shown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="355"/>
        <source>No keys in %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="374"/>
        <source>Revokes the key with the given id (as shown by &apos;keys list&apos;, e.g. key_7h3k9q2m). A running gateway rejects it within a second. Revoking cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="383"/>
        <location filename="../app/KeysCommand.cpp" line="450"/>
        <source>missing key id, e.g. key_7h3k9q2m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="385"/>
        <source>unexpected argument &quot;%1&quot;: revoke one key at a time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="393"/>
        <source>that is an API key, not a key id; find the key&apos;s id (key_...) with &apos;keys list&apos; and revoke that</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="409"/>
        <source>no key with id &quot;%1&quot; in %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="411"/>
        <source>Key %1 was already revoked at %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="418"/>
        <source>Revoked key %1 (%2) of user %3 at %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="431"/>
        <source>Hours the old key keeps working, so clients can switch to the new one. Default: 24.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="441"/>
        <source>Issues a new key with the same user, tier, role and label as the given key and prints it once, alone on the last line. The old key keeps working for the grace period, then expires.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="452"/>
        <source>unexpected argument &quot;%1&quot;: rotate one key at a time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="457"/>
        <source>that is an API key, not a key id; find the key&apos;s id (key_...) with &apos;keys list&apos; and rotate that</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="466"/>
        <source>invalid --grace-hours &quot;%1&quot;: expected 0 to 8760</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="488"/>
        <source>Rotated key %1 of user %2: the new key is %3 (%4). The old key works until %5.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="492"/>
        <source>Store the new key now; it is not shown again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="499"/>
        <source>Usage: %1 &lt;command&gt; [options]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="500"/>
        <source>Manages the API keys in the gateway database. A running gateway picks up changes within a second.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="505"/>
        <source>Commands:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="506"/>
        <source>Issue a key and print it once</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="507"/>
        <source>List keys with their hints, never the keys</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="508"/>
        <source>Revoke a key by its id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="509"/>
        <source>Issue a successor and let the old key expire after a grace period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="511"/>
        <source>Run &apos;%1 &lt;command&gt; --help&apos; for the options of a command.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="523"/>
        <source>%1: missing command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/KeysCommand.cpp" line="537"/>
        <source>%1: unknown command &quot;%2&quot;; use create, list, revoke or rotate</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LimitText</name>
    <message>
        <location filename="../ui/LimitText.cpp" line="41"/>
        <source>%1: &quot;%2&quot; is not a whole number of 0 or more or &quot;unlimited&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/LimitText.cpp" line="43"/>
        <source>%1: enter a whole number or &quot;unlimited&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RetentionCommand</name>
    <message>
        <location filename="../app/RetentionCommand.cpp" line="24"/>
        <source>%1 days (rows of the current month always stay)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/RetentionCommand.cpp" line="25"/>
        <source>forever</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/RetentionCommand.cpp" line="27"/>
        <source>Prompt and response text:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/RetentionCommand.cpp" line="29"/>
        <source>Raw request log rows kept:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/RetentionCommand.cpp" line="30"/>
        <source>Per-minute usage rows kept:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/RetentionCommand.cpp" line="31"/>
        <source>%1 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/RetentionCommand.cpp" line="32"/>
        <source>Hourly and daily usage:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/RetentionCommand.cpp" line="32"/>
        <source>kept forever</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/RetentionCommand.cpp" line="67"/>
        <source>How much prompt and response text the request log keeps: full (up to %1 characters), first:N (the first N characters) or none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/RetentionCommand.cpp" line="70"/>
        <source>mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/RetentionCommand.cpp" line="73"/>
        <source>Days raw request log rows are kept before the daily purge deletes them; 0 keeps them forever. Rows of the current month always stay, and usage charts are not affected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/RetentionCommand.cpp" line="75"/>
        <source>days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/RetentionCommand.cpp" line="76"/>
        <source>Run the purge once now, after saving any change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/RetentionCommand.cpp" line="79"/>
        <source>Limit time zone of the gateway (its --time-zone), whose current month --purge-now keeps. Default: keep the current month of every time zone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/RetentionCommand.cpp" line="81"/>
        <source>zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/RetentionCommand.cpp" line="91"/>
        <source>Shows the retention settings, or changes those given. A running gateway applies a text change within 2 seconds and purges within a few seconds of a change to --log-days, then every 24 hours.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/RetentionCommand.cpp" line="98"/>
        <source>unexpected argument &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/RetentionCommand.cpp" line="103"/>
        <source>--time-zone applies only to --purge-now; a running gateway purges in its own --time-zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/RetentionCommand.cpp" line="110"/>
        <source>invalid --time-zone value &quot;%1&quot;: expected an IANA time zone such as UTC or Europe/Berlin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/RetentionCommand.cpp" line="135"/>
        <source>the stored retention settings are invalid (%1); set both --text and --log-days to replace them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/RetentionCommand.cpp" line="150"/>
        <source>Saved the retention settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/RetentionCommand.cpp" line="159"/>
        <source>Purged %1 request log rows and %2 per-minute usage rows.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RollupsCommand</name>
    <message>
        <location filename="../app/RollupsCommand.cpp" line="21"/>
        <source>The request log is empty; no rollups were changed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/RollupsCommand.cpp" line="24"/>
        <source>Rebuilt the usage rollups from %1 request log rows, %2 to %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/RollupsCommand.cpp" line="28"/>
        <source>Rollups of periods before %1 were kept: the log has no rows left for them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/RollupsCommand.cpp" line="32"/>
        <source>TABLE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/RollupsCommand.cpp" line="32"/>
        <source>ROWS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/RollupsCommand.cpp" line="56"/>
        <source>Recomputes the hourly, daily, per-minute, topic and address usage rollups from the request log in one transaction. Periods older than the oldest row of the log keep their rollups, because the retention purge deleted their rows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/RollupsCommand.cpp" line="65"/>
        <source>unexpected argument &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/RollupsCommand.cpp" line="74"/>
        <source>no gateway database at %1; check --data-dir</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/RollupsCommand.cpp" line="93"/>
        <source>Usage: %1 &lt;command&gt; [options]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/RollupsCommand.cpp" line="94"/>
        <source>Maintains the usage rollups that charts and exports read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/RollupsCommand.cpp" line="95"/>
        <source>Commands:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/RollupsCommand.cpp" line="96"/>
        <source>Recompute the rollups from the request log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/RollupsCommand.cpp" line="97"/>
        <source>Run &apos;%1 &lt;command&gt; --help&apos; for the options of a command.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/RollupsCommand.cpp" line="109"/>
        <source>%1: missing command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/RollupsCommand.cpp" line="117"/>
        <source>%1: unknown command &quot;%2&quot;; use rebuild</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TiersCommand</name>
    <message>
        <location filename="../app/TiersCommand.cpp" line="35"/>
        <source>API calls a user may make per day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/TiersCommand.cpp" line="37"/>
        <source>Completed generations (generate, chat, completions) per month.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/TiersCommand.cpp" line="39"/>
        <source>Distinct brands a user may send per month.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/TiersCommand.cpp" line="41"/>
        <source>API calls in any 60 seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/TiersCommand.cpp" line="43"/>
        <source>Prompt plus completion tokens per day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/TiersCommand.cpp" line="45"/>
        <source>Prompt plus completion tokens per month.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/TiersCommand.cpp" line="47"/>
        <source>Streamed responses a user may have open at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/TiersCommand.cpp" line="73"/>
        <source>%1 d</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/TiersCommand.cpp" line="117"/>
        <source>TIER</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/TiersCommand.cpp" line="117"/>
        <source>USERS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/TiersCommand.cpp" line="117"/>
        <source>PRICE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/TiersCommand.cpp" line="117"/>
        <source>CALLS/DAY</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/TiersCommand.cpp" line="118"/>
        <source>GEN/MONTH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/TiersCommand.cpp" line="118"/>
        <source>BRANDS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/TiersCommand.cpp" line="118"/>
        <source>REQ/MIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/TiersCommand.cpp" line="119"/>
        <source>TOKENS/DAY</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/TiersCommand.cpp" line="119"/>
        <source>TOKENS/MONTH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/TiersCommand.cpp" line="119"/>
        <source>STREAMS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/TiersCommand.cpp" line="120"/>
        <source>PRIORITY</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/TiersCommand.cpp" line="120"/>
        <source>TRIAL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/TiersCommand.cpp" line="120"/>
        <source>FALLBACK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/TiersCommand.cpp" line="120"/>
        <source>MODELS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/TiersCommand.cpp" line="137"/>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/TiersCommand.cpp" line="172"/>
        <source>invalid model pattern &quot;%1&quot; in --models: use model names such as llama3.2:3b, with * as a wildcard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/TiersCommand.cpp" line="179"/>
        <source>--models needs at least one pattern, e.g. llama3.2:* or *</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/TiersCommand.cpp" line="189"/>
        <source>invalid value &quot;%1&quot; for --priority: expected a whole number from %2 to %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/TiersCommand.cpp" line="200"/>
        <source>invalid value &quot;%1&quot; for --price-cents: expected a whole number of 0 or more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/TiersCommand.cpp" line="214"/>
        <source>invalid value &quot;%1&quot; for --trial-days: expected a whole number from 1 to %2 or &apos;none&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/TiersCommand.cpp" line="235"/>
        <source>A whole number, or &apos;unlimited&apos;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/TiersCommand.cpp" line="236"/>
        <location filename="../app/TiersCommand.cpp" line="245"/>
        <location filename="../app/TiersCommand.cpp" line="247"/>
        <source>n</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/TiersCommand.cpp" line="239"/>
        <source>Comma-separated model patterns the tier may use, e.g. llama3.2:*,qwen2.5-coder:7b; * or &apos;unlimited&apos; allows every model.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/TiersCommand.cpp" line="241"/>
        <source>patterns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/TiersCommand.cpp" line="243"/>
        <source>Queue priority when the upstream is saturated; higher is served first, from %1 to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/TiersCommand.cpp" line="246"/>
        <source>Price per month in cents.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/TiersCommand.cpp" line="249"/>
        <source>Makes this a trial tier lasting this many days; &apos;none&apos; makes it a regular tier.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/TiersCommand.cpp" line="251"/>
        <source>days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/TiersCommand.cpp" line="253"/>
        <source>Tier a user moves to when the trial ends; &apos;none&apos; to clear.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/TiersCommand.cpp" line="254"/>
        <source>tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/TiersCommand.cpp" line="264"/>
        <source>Creates the tier or changes the given values of an existing one; values not given stay as they are. A running gateway applies the change within a second.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/TiersCommand.cpp" line="273"/>
        <source>missing tier name, e.g. pro</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/TiersCommand.cpp" line="276"/>
        <source>unexpected argument &quot;%1&quot;: set one tier at a time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/TiersCommand.cpp" line="281"/>
        <source>invalid tier name &quot;%1&quot;: use 1-32 lower-case letters, digits and _, starting with a letter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/TiersCommand.cpp" line="311"/>
        <source>Updated tier %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/TiersCommand.cpp" line="313"/>
        <source>Created tier %1; its keys start with %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/TiersCommand.cpp" line="321"/>
        <source>Print a JSON array; null is unlimited. Default: a text table.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/TiersCommand.cpp" line="330"/>
        <source>Lists every tier with its limits and how many users it has.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/TiersCommand.cpp" line="335"/>
        <source>unexpected argument &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/TiersCommand.cpp" line="355"/>
        <source>Usage: %1 &lt;command&gt; [options]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/TiersCommand.cpp" line="356"/>
        <source>Manages the tiers in the gateway database. A running gateway applies changes within a second.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/TiersCommand.cpp" line="359"/>
        <source>Commands:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/TiersCommand.cpp" line="360"/>
        <source>Create a tier or change its limits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/TiersCommand.cpp" line="361"/>
        <source>List tiers with their limits and users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/TiersCommand.cpp" line="362"/>
        <source>Run &apos;%1 &lt;command&gt; --help&apos; for the options of a command.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/TiersCommand.cpp" line="375"/>
        <source>%1: missing command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/TiersCommand.cpp" line="385"/>
        <source>%1: unknown command &quot;%2&quot;; use set or list</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UsageCommand</name>
    <message>
        <location filename="../app/UsageCommand.cpp" line="188"/>
        <source>Only this user&apos;s requests.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UsageCommand.cpp" line="188"/>
        <location filename="../app/UsageCommand.cpp" line="190"/>
        <source>name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UsageCommand.cpp" line="189"/>
        <source>Only requests for this model, as logged (e.g. llama3.2:3b).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UsageCommand.cpp" line="192"/>
        <source>Start of the range: a UTC day (YYYY-MM-DD) or an ISO 8601 date-time. Default: %1 days before --to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UsageCommand.cpp" line="194"/>
        <location filename="../app/UsageCommand.cpp" line="198"/>
        <source>date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UsageCommand.cpp" line="196"/>
        <source>End of the range: a UTC day (YYYY-MM-DD, included) or an ISO 8601 date-time (excluded). Default: the end of today (UTC).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UsageCommand.cpp" line="199"/>
        <source>Period of each row: hour, day or month (UTC). Default: day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UsageCommand.cpp" line="200"/>
        <source>period</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UsageCommand.cpp" line="202"/>
        <source>Output format: csv (RFC 4180, with a header row) or json. Required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UsageCommand.cpp" line="203"/>
        <source>format</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UsageCommand.cpp" line="216"/>
        <source>invalid value &quot;%1&quot; for --by: expected hour, day or month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UsageCommand.cpp" line="228"/>
        <source>invalid value &quot;%1&quot; for --%2: expected a day such as 2025-03-31 or an ISO 8601 date-time such as 2025-03-31T14:00:00Z</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UsageCommand.cpp" line="237"/>
        <source>invalid value &quot;%1&quot; for --%2: usage is kept per hour, so a time must be on a whole hour, such as %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UsageCommand.cpp" line="249"/>
        <source>the range is empty: --from %1 is not before --to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UsageCommand.cpp" line="257"/>
        <source>the value of --%1 must not be empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UsageCommand.cpp" line="267"/>
        <source>Prints requests, generations, errors by cause, tokens and latency percentiles per period, user and model, oldest first, from the usage rollups the console&apos;s charts show. Latency percentiles are estimates from histogram buckets. A running gateway may use the database meanwhile.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UsageCommand.cpp" line="297"/>
        <source>unexpected argument &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UsageCommand.cpp" line="301"/>
        <source>missing --format: use --format csv or --format json</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UsageCommand.cpp" line="305"/>
        <source>invalid value &quot;%1&quot; for --format: expected csv or json</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UsageCommand.cpp" line="316"/>
        <source>the value of --data-dir must not be empty</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UsageReport</name>
    <message>
        <location filename="../ui/UsageReport.cpp" line="102"/>
        <source>A report needs a user and a month.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageReport.cpp" line="143"/>
        <source>usage-%1-%2.pdf</source>
        <extracomment>File name of a report; %1 user, %2 year and month such as 2026-03</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageReport.cpp" line="174"/>
        <source>Usage of %1 in %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageReport.cpp" line="180"/>
        <source>Cannot write %1. Choose a folder you can write to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageReport.cpp" line="228"/>
        <source>%1 · usage of %2 · %3</source>
        <extracomment>Footer of a report page; %1 product, %2 user, %3 month</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageReport.cpp" line="229"/>
        <source>Page %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageReport.cpp" line="245"/>
        <source>Monthly usage report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageReport.cpp" line="248"/>
        <source>none (no requests)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageReport.cpp" line="251"/>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageReport.cpp" line="252"/>
        <source>Tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageReport.cpp" line="253"/>
        <source>Month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageReport.cpp" line="255"/>
        <source>Period</source>
        <extracomment>%1 and %2 first and last day, %3 time zone such as UTC</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageReport.cpp" line="255"/>
        <source>%1 to %2, days in %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageReport.cpp" line="258"/>
        <source>Generated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageReport.cpp" line="290"/>
        <source>Totals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageReport.cpp" line="294"/>
        <location filename="../ui/UsageReport.cpp" line="339"/>
        <location filename="../ui/UsageReport.cpp" line="375"/>
        <source>Requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageReport.cpp" line="295"/>
        <location filename="../ui/UsageReport.cpp" line="340"/>
        <location filename="../ui/UsageReport.cpp" line="376"/>
        <source>Generations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageReport.cpp" line="296"/>
        <location filename="../ui/UsageReport.cpp" line="380"/>
        <source>Errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageReport.cpp" line="297"/>
        <location filename="../ui/UsageReport.cpp" line="377"/>
        <source>Prompt tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageReport.cpp" line="298"/>
        <location filename="../ui/UsageReport.cpp" line="378"/>
        <source>Completion tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageReport.cpp" line="299"/>
        <location filename="../ui/UsageReport.cpp" line="379"/>
        <source>Total tokens</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageReport.cpp" line="328"/>
        <source>No requests in this month.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageReport.cpp" line="335"/>
        <location filename="../ui/UsageReport.cpp" line="354"/>
        <source>Requests per day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageReport.cpp" line="353"/>
        <source>Day of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageReport.cpp" line="354"/>
        <source>requests</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageReport.cpp" line="399"/>
        <source>(no model)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageReport.cpp" line="400"/>
        <source>Usage per model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageReport.cpp" line="400"/>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageReport.cpp" line="401"/>
        <location filename="../ui/UsageReport.cpp" line="411"/>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageReport.cpp" line="411"/>
        <source>Usage per day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../ui/UsageReport.cpp" line="411"/>
        <source>Day</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UserDataCommand</name>
    <message>
        <location filename="../app/UserDataCommand.cpp" line="25"/>
        <source>missing user name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UserDataCommand.cpp" line="30"/>
        <source>unexpected argument &quot;%1&quot;: give one user</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UserDataCommand.cpp" line="43"/>
        <location filename="../app/UserDataCommand.cpp" line="48"/>
        <source>cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UserDataCommand.cpp" line="59"/>
        <source>Write the JSON to this file (owner-only permissions) instead of standard output.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UserDataCommand.cpp" line="61"/>
        <source>file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UserDataCommand.cpp" line="70"/>
        <source>Prints everything stored about the user as JSON: the user and its tier, its keys (without hashes), its request log rows, its hourly, daily and per-minute usage, topics, client addresses and claims. Times are milliseconds since 1970, UTC.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UserDataCommand.cpp" line="82"/>
        <source>the value of --out must not be empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UserDataCommand.cpp" line="100"/>
        <source>Exported user %1 to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UserDataCommand.cpp" line="108"/>
        <source>Confirm that the user and all their data are deleted for good.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UserDataCommand.cpp" line="117"/>
        <source>Deletes the user with their keys, request log rows, hourly, daily and per-minute usage, topics, client addresses and claims, in one transaction. Other users&apos; data and the totals of the remaining users stay as they are. A running gateway rejects the user&apos;s keys within a second.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UserDataCommand.cpp" line="131"/>
        <source>deleting user %1 removes their keys, request log, usage and claims for good; add --yes to confirm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UserDataCommand.cpp" line="143"/>
        <source>Deleted user %1 with all their data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UserDataCommand.cpp" line="144"/>
        <source>TABLE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UserDataCommand.cpp" line="144"/>
        <source>ROWS</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UsersCommand</name>
    <message>
        <location filename="../app/UsersCommand.cpp" line="47"/>
        <source>unlimited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UsersCommand.cpp" line="65"/>
        <source>USER</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UsersCommand.cpp" line="65"/>
        <source>TIER</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UsersCommand.cpp" line="65"/>
        <source>STATUS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UsersCommand.cpp" line="66"/>
        <source>TRIAL ENDS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UsersCommand.cpp" line="66"/>
        <source>EMAIL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UsersCommand.cpp" line="66"/>
        <source>GITHUB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UsersCommand.cpp" line="67"/>
        <source>OVERRIDES</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UsersCommand.cpp" line="134"/>
        <source>invalid model pattern &quot;%1&quot; in --models</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UsersCommand.cpp" line="139"/>
        <source>--models needs at least one pattern or &apos;tier&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UsersCommand.cpp" line="148"/>
        <source>invalid value &quot;%1&quot; for --status: expected active or suspended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UsersCommand.cpp" line="164"/>
        <source>Tier of the user; required for a new user.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UsersCommand.cpp" line="164"/>
        <source>tier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UsersCommand.cpp" line="165"/>
        <source>active, or suspended to reject every request of the user.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UsersCommand.cpp" line="166"/>
        <source>status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UsersCommand.cpp" line="167"/>
        <source>Email address; empty to clear.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UsersCommand.cpp" line="167"/>
        <source>address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UsersCommand.cpp" line="168"/>
        <source>GitHub login; empty to clear.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UsersCommand.cpp" line="168"/>
        <source>login</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UsersCommand.cpp" line="172"/>
        <source>Overrides the tier&apos;s %1 limit: a whole number, &apos;unlimited&apos;, or &apos;tier&apos; to use the tier&apos;s value again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UsersCommand.cpp" line="175"/>
        <source>n</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UsersCommand.cpp" line="178"/>
        <source>Overrides the tier&apos;s model patterns (comma-separated); &apos;tier&apos; uses the tier&apos;s patterns again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UsersCommand.cpp" line="180"/>
        <source>patterns</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UsersCommand.cpp" line="190"/>
        <source>Creates the user or changes the given values of an existing one; values not given stay as they are. Moving a user onto a trial tier starts the trial. A running gateway applies the change within a second.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UsersCommand.cpp" line="199"/>
        <source>missing user name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UsersCommand.cpp" line="202"/>
        <source>unexpected argument &quot;%1&quot;: set one user at a time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UsersCommand.cpp" line="207"/>
        <source>invalid user name &quot;%1&quot;: use 1-%2 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UsersCommand.cpp" line="231"/>
        <source>user &quot;%1&quot; does not exist; give --tier to create it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UsersCommand.cpp" line="240"/>
        <source>Updated user %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UsersCommand.cpp" line="240"/>
        <source>Created user %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UsersCommand.cpp" line="248"/>
        <source>Print a JSON array. Default: a text table.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UsersCommand.cpp" line="257"/>
        <source>Lists every user with tier, status, trial end and overrides.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UsersCommand.cpp" line="262"/>
        <source>unexpected argument &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UsersCommand.cpp" line="276"/>
        <source>No users yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UsersCommand.cpp" line="284"/>
        <source>Usage: %1 &lt;command&gt; [options]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UsersCommand.cpp" line="285"/>
        <source>Manages the users in the gateway database. A running gateway applies changes within a second.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UsersCommand.cpp" line="288"/>
        <source>Commands:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UsersCommand.cpp" line="289"/>
        <source>Create a user or change tier, status and limits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UsersCommand.cpp" line="290"/>
        <source>List users</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UsersCommand.cpp" line="291"/>
        <source>Print everything stored about a user as JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UsersCommand.cpp" line="292"/>
        <source>Delete a user with all their data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UsersCommand.cpp" line="293"/>
        <source>Run &apos;%1 &lt;command&gt; --help&apos; for the options of a command.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UsersCommand.cpp" line="306"/>
        <source>%1: missing command</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <location filename="../app/UsersCommand.cpp" line="320"/>
        <source>%1: unknown command &quot;%2&quot;; use set, list, export or delete</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
