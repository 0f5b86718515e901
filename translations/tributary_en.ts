<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>Tributary::Ui::PageInfo</name>
    <message numerus="yes">
        <source>%n connection(s)</source>
        <translation><numerusform>%n connection</numerusform><numerusform>%n connections</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n retrieval task(s)</source>
        <translation><numerusform>%n retrieval task</numerusform><numerusform>%n retrieval tasks</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n SMTP account(s)</source>
        <translation><numerusform>%n SMTP account</numerusform><numerusform>%n SMTP accounts</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n device(s)</source>
        <translation><numerusform>%n device</numerusform><numerusform>%n devices</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n address(es)</source>
        <translation><numerusform>%n address</numerusform><numerusform>%n addresses</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n migration(s)</source>
        <translation><numerusform>%n migration</numerusform><numerusform>%n migrations</numerusform></translation>
    </message>
</context>
</TS>
