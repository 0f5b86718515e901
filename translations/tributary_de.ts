<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>Tributary::AccountTokens</name>
    <message>
        <source>The saved sign-in could not be read: %1</source>
        <translation>Die gespeicherte Anmeldung konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Sign-in needed for %1. %2</source>
        <translation>Anmeldung für %1 erforderlich. %2</translation>
    </message>
    <message>
        <source>The sign-in for %1 could not be renewed: %2</source>
        <translation>Die Anmeldung für %1 konnte nicht erneuert werden: %2</translation>
    </message>
    <message>
        <source>This account signs in with OAuth, which is not available here.</source>
        <translation>Dieses Konto meldet sich mit OAuth an, das hier nicht verfügbar ist.</translation>
    </message>
</context>
<context>
    <name>Tributary::ActivityLogModel</name>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Bereich</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
</context>
<context>
    <name>Tributary::AppContext</name>
    <message>
        <source>The settings file %1 could not be read.</source>
        <translation>Die Einstellungsdatei %1 konnte nicht gelesen werden.</translation>
    </message>
    <message>
        <source>The mailbox could not be opened.</source>
        <translation>Das Postfach konnte nicht geöffnet werden.</translation>
    </message>
</context>
<context>
    <name>Tributary::CloudConnectionListModel</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Dienst</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Connected</source>
        <translation>Verbunden</translation>
    </message>
</context>
<context>
    <name>Tributary::DeviceListModel</name>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>First seen</source>
        <translation>Zuerst gesehen</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Zuletzt gesehen</translation>
    </message>
    <message>
        <source>Last IP address</source>
        <translation>Letzte IP-Adresse</translation>
    </message>
</context>
<context>
    <name>Tributary::Ews::Client</name>
    <message>
        <source>Exchange (%1) did not accept the user name or password.</source>
        <translation>Exchange (%1) hat den Benutzernamen oder das Passwort nicht akzeptiert.</translation>
    </message>
    <message>
        <source>Exchange (%1) did not accept the sign-in. Sign in again.</source>
        <translation>Exchange (%1) hat die Anmeldung nicht akzeptiert. Melden Sie sich erneut an.</translation>
    </message>
</context>
<context>
    <name>Tributary::Ews::GetItemJob</name>
    <message>
        <source>No Exchange items were given.</source>
        <translation>Es wurden keine Exchange-Elemente angegeben.</translation>
    </message>
</context>
<context>
    <name>Tributary::Ews::Job</name>
    <message>
        <source>The Exchange address %1 is not encrypted (https), so no password was sent.</source>
        <translation>Die Exchange-Adresse %1 ist nicht verschlüsselt (https), deshalb wurde kein Passwort gesendet.</translation>
    </message>
    <message>
        <source>The Exchange server %1 is busy. Tributary tries again later.</source>
        <translation>Der Exchange-Server %1 ist ausgelastet. Tributary versucht es später erneut.</translation>
    </message>
    <message>
        <source>Exchange no longer accepts the saved synchronization state of a folder.</source>
        <translation>Exchange akzeptiert den gespeicherten Synchronisierungsstand eines Ordners nicht mehr.</translation>
    </message>
    <message>
        <source>Exchange refused access to the mailbox: %1</source>
        <translation>Exchange hat den Zugriff auf das Postfach verweigert: %1</translation>
    </message>
</context>
<context>
    <name>Tributary::Ews::SyncFolderItemsJob</name>
    <message>
        <source>No Exchange folder was given.</source>
        <translation>Es wurde kein Exchange-Ordner angegeben.</translation>
    </message>
</context>
<context>
    <name>Tributary::EwsRetrievalRun</name>
    <message>
        <source>This retrieval task cannot run: it needs an Exchange server and a user name.</source>
        <translation>Dieser Abrufauftrag kann nicht laufen: Er braucht einen Exchange-Server und einen Benutzernamen.</translation>
    </message>
    <message>
        <source>The local folder for %1 could not be created.</source>
        <translation>Der lokale Ordner für %1 konnte nicht angelegt werden.</translation>
    </message>
    <message>
        <source>The synchronization state could not be saved.</source>
        <translation>Der Synchronisierungsstand konnte nicht gespeichert werden.</translation>
    </message>
</context>
<context>
    <name>Tributary::FilterRule</name>
    <message>
        <source>The stored rule is damaged (%1).</source>
        <translation>Die gespeicherte Regel ist beschädigt (%1).</translation>
    </message>
    <message>
        <source>not a list</source>
        <translation>keine Liste</translation>
    </message>
    <message>
        <source>The stored rule has a condition this version does not know.</source>
        <translation>Die gespeicherte Regel hat eine Bedingung, die diese Version nicht kennt.</translation>
    </message>
    <message>
        <source>The stored rule has an action this version does not know.</source>
        <translation>Die gespeicherte Regel hat eine Aktion, die diese Version nicht kennt.</translation>
    </message>
    <message>
        <source>The rule needs at least one condition.</source>
        <translation>Die Regel braucht mindestens eine Bedingung.</translation>
    </message>
    <message>
        <source>The rule needs at least one action.</source>
        <translation>Die Regel braucht mindestens eine Aktion.</translation>
    </message>
    <message>
        <source>Enter the name of the header the condition tests.</source>
        <translation>Geben Sie den Namen der Kopfzeile ein, die die Bedingung prüft.</translation>
    </message>
    <message>
        <source>Size conditions compare with &quot;greater than&quot; or &quot;less than&quot;; text conditions do not.</source>
        <translation>Größenbedingungen vergleichen mit „größer als“ oder „kleiner als“, Textbedingungen nicht.</translation>
    </message>
    <message>
        <source>The size &quot;%1&quot; is not a number of bytes.</source>
        <translation>Die Größe „%1“ ist keine Anzahl von Bytes.</translation>
    </message>
    <message>
        <source>The regular expression &quot;%1&quot; is not valid: %2.</source>
        <translation>Der reguläre Ausdruck „%1“ ist ungültig: %2.</translation>
    </message>
    <message>
        <source>Choose the folder the rule moves messages to.</source>
        <translation>Wählen Sie den Ordner, in den die Regel Nachrichten verschiebt.</translation>
    </message>
</context>
<context>
    <name>Tributary::FilterRuleListModel</name>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>To</source>
        <translation>An</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Betreff</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>contains</source>
        <translation>enthält</translation>
    </message>
    <message>
        <source>does not contain</source>
        <translation>enthält nicht</translation>
    </message>
    <message>
        <source>is</source>
        <translation>ist</translation>
    </message>
    <message>
        <source>matches</source>
        <translation>passt auf</translation>
    </message>
    <message>
        <source>matches the expression</source>
        <translation>passt auf den Ausdruck</translation>
    </message>
    <message>
        <source>greater than</source>
        <translation>größer als</translation>
    </message>
    <message>
        <source>less than</source>
        <translation>kleiner als</translation>
    </message>
    <message>
        <source> and </source>
        <translation> und </translation>
    </message>
    <message>
        <source> or </source>
        <translation> oder </translation>
    </message>
    <message>
        <source>Move to %1</source>
        <translation>Verschieben nach %1</translation>
    </message>
    <message>
        <source>(missing folder)</source>
        <translation>(Ordner fehlt)</translation>
    </message>
    <message>
        <source>Mark as read</source>
        <translation>Als gelesen markieren</translation>
    </message>
    <message>
        <source>Flag</source>
        <translation>Markieren</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>%1 (off)</source>
        <translation>%1 (aus)</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Regel</translation>
    </message>
    <message>
        <source>Conditions</source>
        <translation>Bedingungen</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>Aktionen</translation>
    </message>
</context>
<context>
    <name>Tributary::FolderTreeModel</name>
    <message>
        <source>Inbox</source>
        <translation>Posteingang</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation>Entwürfe</translation>
    </message>
    <message>
        <source>Junk E-Mail</source>
        <translation>Junk-E-Mail</translation>
    </message>
    <message>
        <source>Deleted Items</source>
        <translation>Gelöschte Elemente</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>Archiv</translation>
    </message>
    <message>
        <source>%1 (%2 unread of %3)</source>
        <translation>%1 (%2 ungelesen von %3)</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>Unread</source>
        <translation>Ungelesen</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Gesamt</translation>
    </message>
</context>
<context>
    <name>Tributary::Imap</name>
    <message>
        <source>No folder given.</source>
        <translation>Es wurde kein Ordner angegeben.</translation>
    </message>
</context>
<context>
    <name>Tributary::Imap::AppendJob</name>
    <message>
        <source>No folder given.</source>
        <translation>Es wurde kein Ordner angegeben.</translation>
    </message>
    <message>
        <source>The message cannot be read.</source>
        <translation>Die Nachricht kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>The message could not be read completely.</source>
        <translation>Die Nachricht konnte nicht vollständig gelesen werden.</translation>
    </message>
</context>
<context>
    <name>Tributary::Imap::AuthenticateJob</name>
    <message>
        <source>AUTHENTICATE</source>
        <translation>AUTHENTICATE</translation>
    </message>
    <message>
        <source>No user name given.</source>
        <translation>Es wurde kein Benutzername angegeben.</translation>
    </message>
    <message>
        <source>The server offers no suitable sign-in method (it offers: %1).</source>
        <translation>Der Server bietet keine geeignete Anmeldemethode an (er bietet: %1).</translation>
    </message>
</context>
<context>
    <name>Tributary::Imap::EnableJob</name>
    <message>
        <source>nothing to enable</source>
        <translation>nichts zu aktivieren</translation>
    </message>
</context>
<context>
    <name>Tributary::Imap::ExpungeJob</name>
    <message>
        <source>The server does not support UID EXPUNGE (UIDPLUS).</source>
        <translation>Der Server unterstützt UID EXPUNGE nicht (UIDPLUS).</translation>
    </message>
</context>
<context>
    <name>Tributary::Imap::IdleJob</name>
    <message>
        <source>The server does not support IDLE.</source>
        <translation>Der Server unterstützt IDLE nicht.</translation>
    </message>
</context>
<context>
    <name>Tributary::Imap::Job</name>
    <message>
        <source>no session</source>
        <translation>keine Sitzung</translation>
    </message>
    <message>
        <source>reading the server&apos;s reply</source>
        <translation>Lesen der Serverantwort</translation>
    </message>
    <message>
        <source>Unexpected continuation request.</source>
        <translation>Unerwartete Fortsetzungsanforderung.</translation>
    </message>
</context>
<context>
    <name>Tributary::Imap::LoginJob</name>
    <message>
        <source>LOGIN</source>
        <translation>LOGIN</translation>
    </message>
    <message>
        <source>No user name given.</source>
        <translation>Es wurde kein Benutzername angegeben.</translation>
    </message>
    <message>
        <source>The server does not accept LOGIN on this connection (LOGINDISABLED).</source>
        <translation>Der Server akzeptiert LOGIN auf dieser Verbindung nicht (LOGINDISABLED).</translation>
    </message>
    <message>
        <source>The server refuses passwords on an unencrypted connection. Use STARTTLS or SSL/TLS.</source>
        <translation>Der Server lehnt Passwörter über eine unverschlüsselte Verbindung ab. Verwenden Sie STARTTLS oder SSL/TLS.</translation>
    </message>
</context>
<context>
    <name>Tributary::Imap::Session</name>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>greeting</source>
        <translation>Begrüßung</translation>
    </message>
    <message>
        <source>STARTTLS</source>
        <translation>STARTTLS</translation>
    </message>
    <message>
        <source>The server logged in without TLS (PREAUTH).</source>
        <translation>Der Server hat ohne TLS angemeldet (PREAUTH).</translation>
    </message>
    <message>
        <source>reading the server&apos;s reply</source>
        <translation>Lesen der Serverantwort</translation>
    </message>
    <message>
        <source>The server sent data after accepting STARTTLS.</source>
        <translation>Der Server hat nach dem Annehmen von STARTTLS Daten gesendet.</translation>
    </message>
    <message>
        <source>Unexpected continuation request.</source>
        <translation>Unerwartete Fortsetzungsanforderung.</translation>
    </message>
    <message>
        <source>Reply to a command that was not sent (%1).</source>
        <translation>Antwort auf einen Befehl, der nicht gesendet wurde (%1).</translation>
    </message>
    <message>
        <source>waiting for the server</source>
        <translation>Warten auf den Server</translation>
    </message>
</context>
<context>
    <name>Tributary::Imap::SignInJob</name>
    <message>
        <source>Already logged in.</source>
        <translation>Bereits angemeldet.</translation>
    </message>
</context>
<context>
    <name>Tributary::Imap::UidFetchJob</name>
    <message>
        <source>No messages given.</source>
        <translation>Es wurden keine Nachrichten angegeben.</translation>
    </message>
    <message>
        <source>The server does not support CONDSTORE.</source>
        <translation>Der Server unterstützt CONDSTORE nicht.</translation>
    </message>
</context>
<context>
    <name>Tributary::Imap::UidStoreJob</name>
    <message>
        <source>No messages given.</source>
        <translation>Es wurden keine Nachrichten angegeben.</translation>
    </message>
</context>
<context>
    <name>Tributary::ImapRetrievalRun</name>
    <message>
        <source>The message flags could not be saved in the local mailbox.</source>
        <translation>Die Markierungen der Nachrichten konnten nicht im lokalen Postfach gespeichert werden.</translation>
    </message>
    <message>
        <source>This retrieval task cannot run: it needs an IMAP server and a user name.</source>
        <translation>Dieser Abrufauftrag kann nicht laufen: Er braucht einen IMAP-Server und einen Benutzernamen.</translation>
    </message>
    <message>
        <source>The local folder for %1 could not be created.</source>
        <translation>Der lokale Ordner für %1 konnte nicht angelegt werden.</translation>
    </message>
</context>
<context>
    <name>Tributary::LoginRecordListModel</name>
    <message>
        <source>Signed in</source>
        <translation>Angemeldet</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>IP address</source>
        <translation>IP-Adresse</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
</context>
<context>
    <name>Tributary::MailJob</name>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>This message is no longer in the mailbox.</source>
        <translation>Diese Nachricht ist nicht mehr im Postfach.</translation>
    </message>
    <message>
        <source>The message&apos;s file is missing from the mailbox.</source>
        <translation>Die Datei der Nachricht fehlt im Postfach.</translation>
    </message>
    <message>
        <source>The message could not be read.</source>
        <translation>Die Nachricht konnte nicht gelesen werden.</translation>
    </message>
    <message>
        <source>No file was chosen to save to.</source>
        <translation>Es wurde keine Datei zum Speichern gewählt.</translation>
    </message>
    <message>
        <source>The message has no such attachment.</source>
        <translation>Die Nachricht hat keinen solchen Anhang.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; could not be saved: %2</source>
        <translation>„%1“ konnte nicht gespeichert werden: %2</translation>
    </message>
    <message>
        <source>Choose a folder to export to.</source>
        <translation>Wählen Sie einen Ordner für den Export.</translation>
    </message>
    <message>
        <source>There is no such folder in the mailbox.</source>
        <translation>Diesen Ordner gibt es im Postfach nicht.</translation>
    </message>
    <message>
        <source>The folder &quot;%1&quot; could not be created.</source>
        <translation>Der Ordner „%1“ konnte nicht angelegt werden.</translation>
    </message>
    <message>
        <source>A stored message could not be read; the export stopped.</source>
        <translation>Eine gespeicherte Nachricht konnte nicht gelesen werden; der Export wurde angehalten.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; could not be written: %2</source>
        <translation>„%1“ konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; could not be written.</source>
        <translation>„%1“ konnte nicht geschrieben werden.</translation>
    </message>
</context>
<context>
    <name>Tributary::MailService</name>
    <message>
        <source>A message is no longer in the mailbox.</source>
        <translation>Eine Nachricht ist nicht mehr im Postfach.</translation>
    </message>
    <message>
        <source>There is no such folder in the mailbox.</source>
        <translation>Diesen Ordner gibt es im Postfach nicht.</translation>
    </message>
    <message>
        <source>The mailbox has no Deleted Items folder.</source>
        <translation>Das Postfach hat keinen Ordner „Gelöschte Elemente“.</translation>
    </message>
</context>
<context>
    <name>Tributary::MessageFileStore</name>
    <message>
        <source>A message file could not be created in %1 (%2).</source>
        <translation>Eine Nachrichtendatei konnte in %1 nicht angelegt werden (%2).</translation>
    </message>
    <message>
        <source>A message file could not be opened (%1).</source>
        <translation>Eine Nachrichtendatei konnte nicht geöffnet werden (%1).</translation>
    </message>
    <message>
        <source>No message file is open for writing.</source>
        <translation>Es ist keine Nachrichtendatei zum Schreiben geöffnet.</translation>
    </message>
    <message>
        <source>Writing a message file failed (%1). Is the disk full?</source>
        <translation>Das Schreiben einer Nachrichtendatei ist fehlgeschlagen (%1). Ist der Datenträger voll?</translation>
    </message>
    <message>
        <source>A message file could not be saved to disk (%1).</source>
        <translation>Eine Nachrichtendatei konnte nicht auf den Datenträger geschrieben werden (%1).</translation>
    </message>
    <message>
        <source>The message folder %1 could not be created.</source>
        <translation>Der Nachrichtenordner %1 konnte nicht angelegt werden.</translation>
    </message>
    <message>
        <source>A message file could not be moved into place (%1).</source>
        <translation>Eine Nachrichtendatei konnte nicht an ihren Platz verschoben werden (%1).</translation>
    </message>
    <message>
        <source>The message folder could not be saved to disk.</source>
        <translation>Der Nachrichtenordner konnte nicht auf den Datenträger geschrieben werden.</translation>
    </message>
</context>
<context>
    <name>Tributary::MessageListModel</name>
    <message>
        <source>(no subject)</source>
        <translation>(kein Betreff)</translation>
    </message>
    <message>
        <source>Read</source>
        <translation>Gelesen</translation>
    </message>
    <message>
        <source>Unread</source>
        <translation>Ungelesen</translation>
    </message>
    <message>
        <source>Flagged</source>
        <translation>Markiert</translation>
    </message>
    <message>
        <source>Answered</source>
        <translation>Beantwortet</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Betreff</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Empfangen</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
</context>
<context>
    <name>Tributary::MigrationJobListModel</name>
    <message numerus="yes">
        <source>%n item(s)</source>
        <translation>
            <numerusform>%n Element</numerusform>
            <numerusform>%n Elemente</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 (%3%)</source>
        <translation>%1 von %2 (%3 %)</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Begonnen</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Beendet</translation>
    </message>
</context>
<context>
    <name>Tributary::Net::Connection</name>
    <message>
        <source>connect</source>
        <translation>Verbindungsaufbau</translation>
    </message>
    <message>
        <source>STARTTLS</source>
        <translation>STARTTLS</translation>
    </message>
    <message>
        <source>TLS handshake</source>
        <translation>TLS-Handshake</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>reading a reply</source>
        <translation>Lesen einer Antwort</translation>
    </message>
    <message>
        <source>DNS</source>
        <translation>DNS</translation>
    </message>
    <message>
        <source>closing</source>
        <translation>Verbindungsabbau</translation>
    </message>
</context>
<context>
    <name>Tributary::Net::Error</name>
    <message>
        <source>the server</source>
        <translation>(unbekannt)</translation>
    </message>
    <message>
        <source>Could not find the server %1 (DNS).</source>
        <translation>Der Server %1 wurde nicht gefunden (DNS).</translation>
    </message>
    <message>
        <source>The server %1 refused the connection on port %2.</source>
        <translation>Der Server %1 hat die Verbindung auf Port %2 abgelehnt.</translation>
    </message>
    <message>
        <source>Could not connect to %1 on port %2 in time.</source>
        <translation>Die Verbindung zu %1 auf Port %2 kam nicht rechtzeitig zustande.</translation>
    </message>
    <message>
        <source>The secure connection (TLS) to %1 failed: %2</source>
        <translation>Die sichere Verbindung (TLS) zu %1 ist fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>The secure connection (TLS) to %1 failed: the certificate is not trusted or the handshake failed.</source>
        <translation>Die sichere Verbindung (TLS) zu %1 ist fehlgeschlagen: Dem Zertifikat wird nicht vertraut oder der Handshake ist fehlgeschlagen.</translation>
    </message>
    <message>
        <source>The server %1 does not offer an encrypted connection (STARTTLS), so no password was sent.</source>
        <translation>Der Server %1 bietet keine verschlüsselte Verbindung (STARTTLS) an, deshalb wurde kein Passwort gesendet.</translation>
    </message>
    <message>
        <source>The server %1 did not greet correctly.</source>
        <translation>Der Server %1 hat die Verbindung nicht korrekt begrüßt.</translation>
    </message>
    <message>
        <source>The server %1 refused the session: %2</source>
        <translation>Der Server %1 hat die Sitzung abgelehnt: %2</translation>
    </message>
    <message>
        <source>Signing in to %1 failed (%2).</source>
        <translation>Die Anmeldung bei %1 ist fehlgeschlagen (%2).</translation>
    </message>
    <message>
        <source>The server rejected the user name or password: %1</source>
        <translation>Der Server hat den Benutzernamen oder das Passwort abgelehnt: %1</translation>
    </message>
    <message>
        <source>The server refused %1.</source>
        <translation>Der Server hat %1 abgelehnt.</translation>
    </message>
    <message>
        <source>The server refused %1: %2</source>
        <translation>Der Server hat %1 abgelehnt: %2</translation>
    </message>
    <message>
        <source>The server %1 sent an answer that does not follow the protocol (%2).</source>
        <translation>Der Server %1 hat eine Antwort gesendet, die nicht dem Protokoll entspricht (%2).</translation>
    </message>
    <message>
        <source>The server %1 stopped answering (%2).</source>
        <translation>Der Server %1 antwortet nicht mehr (%2).</translation>
    </message>
    <message>
        <source>The connection to %1 was closed unexpectedly (%2).</source>
        <translation>Die Verbindung zu %1 wurde unerwartet getrennt (%2).</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>The message is larger than the server %1 accepts.</source>
        <translation>Die Nachricht ist größer, als der Server %1 annimmt.</translation>
    </message>
    <message>
        <source>The message is larger than the server %1 accepts: %2</source>
        <translation>Die Nachricht ist größer, als der Server %1 annimmt: %2</translation>
    </message>
</context>
<context>
    <name>Tributary::Net::Job</name>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
</context>
<context>
    <name>Tributary::Net::LineJob</name>
    <message>
        <source>start</source>
        <translation>Start</translation>
    </message>
</context>
<context>
    <name>Tributary::Oauth</name>
    <message>
        <source>There is no client ID for %1; set it in the settings as %2.</source>
        <translation>Für %1 gibt es keine Client-ID. Legen Sie sie in den Einstellungen als %2 fest.</translation>
    </message>
    <message>
        <source>This build has no client ID for %1; set it in the settings as %2, or build Tributary with -D%3=&lt;client id&gt;.</source>
        <translation>Diese Version hat keine Client-ID für %1. Legen Sie sie in den Einstellungen als %2 fest oder erstellen Sie Tributary mit -D%3=&lt;Client-ID&gt;.</translation>
    </message>
    <message>
        <source>The provider catalogue could not be read.</source>
        <translation>Der Anbieterkatalog konnte nicht gelesen werden.</translation>
    </message>
    <message>
        <source>There is no provider &quot;%1&quot; in the catalogue.</source>
        <translation>Im Katalog gibt es keinen Anbieter „%1“.</translation>
    </message>
    <message>
        <source>%1 offers no sign-in with OAuth.</source>
        <translation>%1 bietet keine Anmeldung mit OAuth an.</translation>
    </message>
</context>
<context>
    <name>Tributary::Oauth::Error</name>
    <message>
        <source>Sign-in was cancelled: the sign-in window was closed before it finished.</source>
        <translation>Die Anmeldung wurde abgebrochen: Das Anmeldefenster wurde geschlossen, bevor sie abgeschlossen war.</translation>
    </message>
    <message>
        <source>You did not allow Tributary to access this account, so it cannot sign in. Sign in again and choose Allow (Accept) on the provider&apos;s permission page.</source>
        <translation>Sie haben Tributary den Zugriff auf dieses Konto nicht erlaubt, daher kann es sich nicht anmelden. Melden Sie sich erneut an und wählen Sie auf der Berechtigungsseite des Anbieters „Zulassen“ („Akzeptieren“).</translation>
    </message>
    <message>
        <source>Your organisation only lets an administrator allow new apps. Ask your administrator to grant Tributary access for everyone</source>
        <translation>Ihre Organisation lässt neue Apps nur durch einen Administrator zu. Bitten Sie Ihren Administrator, Tributary den Zugriff für alle zu erteilen</translation>
    </message>
    <message>
        <source> by opening this link: %1</source>
        <translation> über diesen Link: %1</translation>
    </message>
    <message>
        <source> (permissions needed: %1)</source>
        <translation> (benötigte Berechtigungen: %1)</translation>
    </message>
    <message>
        <source>. Then sign in again.</source>
        <translation>. Melden Sie sich danach erneut an.</translation>
    </message>
    <message>
        <source>You signed in with a different account than the one this task is for. Sign in again with the right account.</source>
        <translation>Sie haben sich mit einem anderen Konto angemeldet als dem, für das diese Aufgabe gilt. Melden Sie sich erneut mit dem richtigen Konto an.</translation>
    </message>
    <message>
        <source>The provider refuses sign-in inside an app window (disallowed_useragent). Sign in with the system browser instead (Settings, Sign-in method).</source>
        <translation>Der Anbieter lehnt die Anmeldung in einem App-Fenster ab (disallowed_useragent). Melden Sie sich stattdessen über den System-Browser an (Einstellungen, Anmeldemethode).</translation>
    </message>
    <message>
        <source>The sign-in answer did not belong to this sign-in (it may be forged or from an older attempt), so it was refused. Please sign in again.</source>
        <translation>Die Antwort der Anmeldung gehörte nicht zu dieser Anmeldung (sie ist vielleicht gefälscht oder stammt von einem älteren Versuch) und wurde daher abgelehnt. Bitte melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>The provider&apos;s sign-in ended without an authorization. Please sign in again.</source>
        <translation>Die Anmeldung beim Anbieter endete ohne Autorisierung. Bitte melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>The provider no longer accepts the saved sign-in (it expired, was revoked or the password changed). Please sign in again.</source>
        <translation>Der Anbieter akzeptiert die gespeicherte Anmeldung nicht mehr (sie ist abgelaufen, wurde widerrufen oder das Passwort wurde geändert). Bitte melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>The provider no longer accepts the saved sign-in: %1 Please sign in again.</source>
        <translation>Der Anbieter akzeptiert die gespeicherte Anmeldung nicht mehr: %1 Bitte melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>The provider does not accept Tributary&apos;s client ID (%1). Check the client ID in the settings or ask your administrator to allow the app.</source>
        <translation>Der Anbieter akzeptiert die Client-ID von Tributary nicht (%1). Prüfen Sie die Client-ID in den Einstellungen oder bitten Sie Ihren Administrator, die App zuzulassen.</translation>
    </message>
    <message>
        <source>The sign-in request was not accepted (%1). This is a configuration problem: check the provider&apos;s client ID, tenant and scopes in the settings.</source>
        <translation>Die Anmeldeanfrage wurde nicht angenommen (%1). Das ist ein Konfigurationsproblem: Prüfen Sie Client-ID, Mandant und Berechtigungen des Anbieters in den Einstellungen.</translation>
    </message>
    <message>
        <source>The provider reported an error: %1.</source>
        <translation>Der Anbieter meldete einen Fehler: %1.</translation>
    </message>
    <message>
        <source>The provider reported an error: %1</source>
        <translation>Der Anbieter meldete einen Fehler: %1</translation>
    </message>
    <message>
        <source>The mail server refuses SMTP sign-in for this mailbox: SMTP AUTH is turned off for it or for the whole organisation (535 5.7.139). An administrator must enable &quot;Authenticated SMTP&quot; for the mailbox (see https://aka.ms/smtp_auth_disabled).</source>
        <translation>Der Mailserver lehnt die SMTP-Anmeldung für dieses Postfach ab: SMTP AUTH ist für das Postfach oder die ganze Organisation ausgeschaltet (535 5.7.139). Ein Administrator muss „Authentifiziertes SMTP“ für das Postfach einschalten (siehe https://aka.ms/smtp_auth_disabled).</translation>
    </message>
    <message>
        <source>Could not reach the sign-in server. Check the network connection and try again.</source>
        <translation>Der Anmeldeserver ist nicht erreichbar. Prüfen Sie die Netzwerkverbindung und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The sign-in server&apos;s certificate is not trusted, so Tributary did not send anything to it.</source>
        <translation>Dem Zertifikat des Anmeldeservers wird nicht vertraut, daher hat Tributary nichts an ihn gesendet.</translation>
    </message>
    <message>
        <source>The sign-in did not finish in time. Please try again.</source>
        <translation>Die Anmeldung wurde nicht rechtzeitig abgeschlossen. Bitte versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The sign-in server sent an answer Tributary does not understand.</source>
        <translation>Der Anmeldeserver hat eine Antwort geschickt, die Tributary nicht versteht.</translation>
    </message>
    <message>
        <source>The sign-in window could not be opened.</source>
        <translation>Das Anmeldefenster konnte nicht geöffnet werden.</translation>
    </message>
    <message>
        <source>The sign-in window could not be opened: %1</source>
        <translation>Das Anmeldefenster konnte nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>The sign-in could not be kept in the system keychain.</source>
        <translation>Die Anmeldung konnte nicht im Schlüsselbund des Systems gespeichert werden.</translation>
    </message>
    <message>
        <source>The sign-in could not be kept in the system keychain: %1</source>
        <translation>Die Anmeldung konnte nicht im Schlüsselbund des Systems gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Tributary needs you to sign in to this account again.</source>
        <translation>Tributary benötigt eine erneute Anmeldung bei diesem Konto.</translation>
    </message>
</context>
<context>
    <name>Tributary::Oauth::SystemBrowserAgent</name>
    <message>
        <source>No answer came back from the browser in time.</source>
        <translation>Vom Browser kam nicht rechtzeitig eine Antwort.</translation>
    </message>
    <message>
        <source>Could not open a local port for the browser&apos;s answer: %1</source>
        <translation>Für die Antwort des Browsers konnte kein lokaler Port geöffnet werden: %1</translation>
    </message>
    <message>
        <source>The local port for the browser&apos;s answer is not open.</source>
        <translation>Der lokale Port für die Antwort des Browsers ist nicht geöffnet.</translation>
    </message>
    <message>
        <source>No web browser is available on this computer.</source>
        <translation>Auf diesem Computer ist kein Webbrowser verfügbar.</translation>
    </message>
    <message>
        <source>The web browser could not be opened.</source>
        <translation>Der Webbrowser konnte nicht geöffnet werden.</translation>
    </message>
    <message>
        <source>Sign-in did not finish</source>
        <translation>Anmeldung nicht abgeschlossen</translation>
    </message>
    <message>
        <source>Signed in</source>
        <translation>Angemeldet</translation>
    </message>
    <message>
        <source>Return to Tributary to see what happened. You can close this tab.</source>
        <translation>Kehren Sie zu Tributary zurück, um zu sehen, was passiert ist. Sie können diesen Tab schließen.</translation>
    </message>
    <message>
        <source>Tributary has your sign-in. You can close this tab.</source>
        <translation>Tributary hat Ihre Anmeldung erhalten. Sie können diesen Tab schließen.</translation>
    </message>
</context>
<context>
    <name>Tributary::OutboxListModel</name>
    <message>
        <source>(account deleted)</source>
        <translation>(Konto gelöscht)</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>In der Warteschlange</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Wird gesendet …</translation>
    </message>
    <message>
        <source>Waiting to retry</source>
        <translation>Wartet auf neuen Versuch</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>(no subject)</source>
        <translation>(kein Betreff)</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>Empfänger</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Betreff</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Next retry</source>
        <translation>Nächster Versuch</translation>
    </message>
    <message>
        <source>Server&apos;s reply</source>
        <translation>Antwort des Servers</translation>
    </message>
</context>
<context>
    <name>Tributary::OutboxService</name>
    <message>
        <source>The SMTP account of this message no longer exists.</source>
        <translation>Das SMTP-Konto dieser Nachricht gibt es nicht mehr.</translation>
    </message>
    <message>
        <source>The message file is missing from the mailbox.</source>
        <translation>Die Nachrichtendatei fehlt im Postfach.</translation>
    </message>
    <message>
        <source>The password of %1 could not be read: %2</source>
        <translation>Das Passwort von %1 konnte nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>Choose an SMTP account to send from.</source>
        <translation>Wählen Sie ein SMTP-Konto zum Senden.</translation>
    </message>
    <message>
        <source>Add at least one recipient.</source>
        <translation>Geben Sie mindestens einen Empfänger an.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an email address.</source>
        <translation>„%1“ ist keine E-Mail-Adresse.</translation>
    </message>
    <message>
        <source>The message is empty.</source>
        <translation>Die Nachricht ist leer.</translation>
    </message>
    <message>
        <source>The message could not be saved: %1</source>
        <translation>Die Nachricht konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>The message is being sent right now.</source>
        <translation>Die Nachricht wird gerade gesendet.</translation>
    </message>
    <message>
        <source>The message was sent already.</source>
        <translation>Die Nachricht wurde bereits gesendet.</translation>
    </message>
    <message>
        <source>The Outbox could not record a sent message: %1</source>
        <translation>Der Postausgang konnte eine gesendete Nachricht nicht vermerken: %1</translation>
    </message>
    <message>
        <source>Sent &quot;%1&quot; to %2. %3</source>
        <translation>„%1“ an %2 gesendet. %3</translation>
    </message>
    <message>
        <source>The server refused some recipients of &quot;%1&quot;:
%2</source>
        <translation>Der Server hat einige Empfänger von „%1“ abgelehnt:
%2</translation>
    </message>
    <message>
        <source>The copy of &quot;%1&quot; could not be stored in Sent: %2</source>
        <translation>Die Kopie von „%1“ konnte nicht unter „Gesendet“ abgelegt werden: %2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; was not sent yet (attempt %2): %3 Next attempt at %4.</source>
        <translation>„%1“ wurde noch nicht gesendet (Versuch %2): %3 Nächster Versuch um %4.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; could not be sent: %2</source>
        <translation>„%1“ konnte nicht gesendet werden: %2</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message numerus="yes">
        <source>Queued &quot;%1&quot; for %n recipient(s).</source>
        <translation>
            <numerusform>„%1“ für %n Empfänger in den Postausgang gestellt.</numerusform>
            <numerusform>„%1“ für %n Empfänger in den Postausgang gestellt.</numerusform>
        </translation>
    </message>
    <message>
        <source>The server %1 presented a certificate other than the one you trusted for %2, so nothing was sent. Open the SMTP account and save it to check the new certificate.</source>
        <translation>Der Server %1 hat ein anderes Zertifikat vorgelegt als das, dem Sie für %2 vertraut haben; deshalb wurde nichts gesendet. Öffnen Sie das SMTP-Konto und speichern Sie es, um das neue Zertifikat zu prüfen.</translation>
    </message>
    <message>
        <source>%1 signs in with OAuth, which is not available here.</source>
        <translation>%1 meldet sich mit OAuth an; das ist hier nicht verfügbar.</translation>
    </message>
    <message>
        <source>Sign in again to send from %1.</source>
        <translation>Melden Sie sich erneut an, um von %1 zu senden.</translation>
    </message>
</context>
<context>
    <name>Tributary::Pop3::Session</name>
    <message>
        <source>greeting</source>
        <translation>Begrüßung</translation>
    </message>
    <message>
        <source>CAPA</source>
        <translation>CAPA</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>Leerlauf</translation>
    </message>
    <message>
        <source>authentication</source>
        <translation>Authentifizierung</translation>
    </message>
    <message>
        <source>The server %1 does not support APOP (its greeting has no timestamp).</source>
        <translation>Der Server %1 unterstützt APOP nicht (seine Begrüßung enthält keinen Zeitstempel).</translation>
    </message>
    <message>
        <source>The server %1 offers no sign-in method Tributary supports for these credentials.</source>
        <translation>Der Server %1 bietet für diese Zugangsdaten keine Anmeldemethode an, die Tributary unterstützt.</translation>
    </message>
</context>
<context>
    <name>Tributary::Profile</name>
    <message>
        <source>Could not create the folder %1.</source>
        <translation>Der Ordner %1 konnte nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Could not restrict the permissions of the folder %1 to its owner.</source>
        <translation>Die Zugriffsrechte des Ordners %1 konnten nicht auf seinen Eigentümer beschränkt werden.</translation>
    </message>
    <message>
        <source>Use the profile folder DIR (default: $TRIBUTARY_PROFILE, else the standard application data folder).</source>
        <translation>Den Profilordner DIR verwenden (Standard: $TRIBUTARY_PROFILE, sonst der übliche Ordner für Anwendungsdaten).</translation>
    </message>
    <message>
        <source>No profile folder could be determined.</source>
        <translation>Es konnte kein Profilordner bestimmt werden.</translation>
    </message>
</context>
<context>
    <name>Tributary::RetrievalFilter</name>
    <message>
        <source>Some content filtering rules cannot be used and were skipped: %1</source>
        <translation>Einige Inhaltsfilterregeln können nicht verwendet werden und wurden übersprungen: %1</translation>
    </message>
    <message>
        <source>The folder %1 could not be created: %2</source>
        <translation>Der Ordner %1 konnte nicht angelegt werden: %2</translation>
    </message>
    <message>
        <source>spamd did not answer in time.</source>
        <translation>spamd hat nicht rechtzeitig geantwortet.</translation>
    </message>
    <message>
        <source>The spam check with spamd is not available (%1); this run uses only the spam headers of the server.</source>
        <translation>Die Spamprüfung mit spamd ist nicht verfügbar (%1); dieser Abruf verwendet nur die Spam-Kopfzeilen des Servers.</translation>
    </message>
    <message>
        <source>A content filtering rule moves messages to a folder that no longer exists; they stay in the destination folder.</source>
        <translation>Eine Inhaltsfilterregel verschiebt Nachrichten in einen Ordner, den es nicht mehr gibt; sie bleiben im Zielordner.</translation>
    </message>
</context>
<context>
    <name>Tributary::RetrievalRun</name>
    <message>
        <source>This retrieval task cannot run: only POP3 tasks with a server and a user name are supported.</source>
        <translation>Dieser Abrufauftrag kann nicht laufen: Nur POP3-Aufträge mit Server und Benutzername werden unterstützt.</translation>
    </message>
    <message>
        <source>The destination folder does not exist.</source>
        <translation>Der Zielordner existiert nicht.</translation>
    </message>
    <message>
        <source>The server does not report unique message ids (UIDL), so messages could be retrieved twice.</source>
        <translation>Der Server meldet keine eindeutigen Nachrichtenkennungen (UIDL), daher könnten Nachrichten doppelt abgerufen werden.</translation>
    </message>
    <message>
        <source>No password is stored for this task. Enter it in the task&apos;s settings.</source>
        <translation>Für diesen Auftrag ist kein Passwort gespeichert. Geben Sie es in den Einstellungen des Auftrags ein.</translation>
    </message>
</context>
<context>
    <name>Tributary::RetrievalRunBase</name>
    <message>
        <source>The retrieval was cancelled.</source>
        <translation>Der Abruf wurde abgebrochen.</translation>
    </message>
    <message>
        <source>This task is not signed in. Sign in again in the task&apos;s settings.</source>
        <translation>Dieser Auftrag ist nicht angemeldet. Melden Sie sich in den Einstellungen des Auftrags erneut an.</translation>
    </message>
    <message>
        <source>No password is stored for this task. Enter it in the task&apos;s settings.</source>
        <translation>Für diesen Auftrag ist kein Passwort gespeichert. Geben Sie es in den Einstellungen des Auftrags ein.</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message numerus="yes">
        <source>Retrieved %n new message(s).</source>
        <translation>
            <numerusform>%n neue Nachricht abgerufen.</numerusform>
            <numerusform>%n neue Nachrichten abgerufen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Retrieval failed: %1 (%n message(s) stored)</source>
        <translation>
            <numerusform>Abruf fehlgeschlagen: %1 (%n Nachricht gespeichert)</numerusform>
            <numerusform>Abruf fehlgeschlagen: %1 (%n Nachrichten gespeichert)</numerusform>
        </translation>
    </message>
    <message>
        <source>The message could not be written to the local mailbox.</source>
        <translation>Die Nachricht konnte nicht in das lokale Postfach geschrieben werden.</translation>
    </message>
    <message>
        <source>The retrieved messages could not be saved in the local mailbox.</source>
        <translation>Die abgerufenen Nachrichten konnten nicht im lokalen Postfach gespeichert werden.</translation>
    </message>
    <message>
        <source>The provider no longer accepts this task&apos;s sign-in. Sign in again in the task&apos;s settings; no mail is lost meanwhile.</source>
        <translation>Der Anbieter akzeptiert die Anmeldung dieses Auftrags nicht mehr. Melden Sie sich in den Einstellungen des Auftrags erneut an; bis dahin geht keine E-Mail verloren.</translation>
    </message>
</context>
<context>
    <name>Tributary::RetrievalScheduler</name>
    <message numerus="yes">
        <source>%n new message(s)</source>
        <translation>
            <numerusform>%n neue Nachricht</numerusform>
            <numerusform>%n neue Nachrichten</numerusform>
        </translation>
    </message>
    <message>
        <source>The retrieval ended without a result.</source>
        <translation>Der Abruf endete ohne Ergebnis.</translation>
    </message>
</context>
<context>
    <name>Tributary::RetrievalTaskJob</name>
    <message>
        <source>The operation was cancelled.</source>
        <translation>Der Vorgang wurde abgebrochen.</translation>
    </message>
    <message>
        <source>This retrieval task no longer exists.</source>
        <translation>Diese Abrufaufgabe gibt es nicht mehr.</translation>
    </message>
    <message>
        <source>The retrieval task could not be deleted from the database.</source>
        <translation>Die Abrufaufgabe konnte nicht aus der Datenbank gelöscht werden.</translation>
    </message>
    <message>
        <source>Exchange retrieval tasks are not supported yet.</source>
        <translation>Abrufaufgaben für Exchange werden noch nicht unterstützt.</translation>
    </message>
    <message>
        <source>Enter the server address.</source>
        <translation>Geben Sie die Serveradresse ein.</translation>
    </message>
    <message>
        <source>Enter the server port.</source>
        <translation>Geben Sie den Serverport ein.</translation>
    </message>
    <message>
        <source>Enter the user name.</source>
        <translation>Geben Sie den Benutzernamen ein.</translation>
    </message>
    <message>
        <source>Sign in to the account before its connection can be tested.</source>
        <translation>Melden Sie sich beim Konto an, bevor seine Verbindung getestet werden kann.</translation>
    </message>
    <message>
        <source>Enter the password.</source>
        <translation>Geben Sie das Passwort ein.</translation>
    </message>
    <message>
        <source>The stored password could not be read: %1 Enter the password again.</source>
        <translation>Das gespeicherte Passwort konnte nicht gelesen werden: %1 Geben Sie das Passwort erneut ein.</translation>
    </message>
    <message>
        <source>Testing the %1 connection to %2 failed: %3</source>
        <translation>Der Test der %1-Verbindung zu %2 ist fehlgeschlagen: %3</translation>
    </message>
    <message>
        <source>The retrieval task could not be saved in the database.</source>
        <translation>Die Abrufaufgabe konnte nicht in der Datenbank gespeichert werden.</translation>
    </message>
    <message>
        <source>The password could not be stored in the keychain: %1</source>
        <translation>Das Passwort konnte nicht im Schlüsselbund gespeichert werden: %1</translation>
    </message>
    <message>
        <source>The task was deleted, but its sign-in could not be removed from the keychain: %1</source>
        <translation>Die Aufgabe wurde gelöscht, aber ihre Anmeldung konnte nicht aus dem Schlüsselbund entfernt werden: %1</translation>
    </message>
    <message>
        <source>The task was saved, but its earlier sign-in could not be removed from the keychain: %1</source>
        <translation>Die Aufgabe wurde gespeichert, aber ihre frühere Anmeldung konnte nicht aus dem Schlüsselbund entfernt werden: %1</translation>
    </message>
    <message>
        <source>The task was deleted, but its password could not be removed from the keychain: %1</source>
        <translation>Die Aufgabe wurde gelöscht, aber ihr Passwort konnte nicht aus dem Schlüsselbund entfernt werden: %1</translation>
    </message>
</context>
<context>
    <name>Tributary::RetrievalTaskListModel</name>
    <message>
        <source>POP3</source>
        <translation>POP3</translation>
    </message>
    <message>
        <source>IMAP</source>
        <translation>IMAP</translation>
    </message>
    <message>
        <source>Exchange</source>
        <translation>Exchange</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>Automatisch</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>Manuell</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Nie</translation>
    </message>
    <message>
        <source>Retrieving… %1 of %2</source>
        <translation>Abruf läuft… %1 von %2</translation>
    </message>
    <message>
        <source>Retrieving…</source>
        <translation>Abruf läuft…</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>Retrieval</source>
        <translation>Abruf</translation>
    </message>
    <message>
        <source>Last run</source>
        <translation>Letzter Abruf</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Nachrichten</translation>
    </message>
    <message>
        <source>Next run</source>
        <translation>Nächster Abruf</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
</context>
<context>
    <name>Tributary::SecretJob</name>
    <message>
        <source>No saved password or token was found for this account.</source>
        <translation>Für dieses Konto wurde kein gespeichertes Passwort und kein Token gefunden.</translation>
    </message>
    <message>
        <source>Your keyring is locked. Unlock it (for example by signing in to your desktop again) and try again.</source>
        <translation>Ihr Schlüsselbund ist gesperrt. Entsperren Sie ihn (zum Beispiel, indem Sie sich erneut an Ihrem Desktop anmelden) und versuchen Sie es noch einmal.</translation>
    </message>
    <message>
        <source>No keyring service is running. Install and start gnome-keyring or KWallet, then try again.</source>
        <translation>Es läuft kein Schlüsselbunddienst. Installieren und starten Sie gnome-keyring oder KWallet und versuchen Sie es dann noch einmal.</translation>
    </message>
    <message>
        <source>Access to your keyring was denied. Allow Tributary to use the keyring and try again.</source>
        <translation>Der Zugriff auf Ihren Schlüsselbund wurde verweigert. Erlauben Sie Tributary, den Schlüsselbund zu verwenden, und versuchen Sie es noch einmal.</translation>
    </message>
    <message>
        <source>Your keyring did not answer in time. If it is asking for a password, answer it, then try again.</source>
        <translation>Ihr Schlüsselbund hat nicht rechtzeitig geantwortet. Falls er nach einem Passwort fragt, geben Sie es ein und versuchen Sie es dann noch einmal.</translation>
    </message>
    <message>
        <source>The keyring operation was cancelled.</source>
        <translation>Der Vorgang im Schlüsselbund wurde abgebrochen.</translation>
    </message>
    <message>
        <source>Your keyring reported an error. The details are in the activity log.</source>
        <translation>Ihr Schlüsselbund hat einen Fehler gemeldet. Die Einzelheiten stehen im Aktivitätsprotokoll.</translation>
    </message>
</context>
<context>
    <name>Tributary::Smtp::SendJob</name>
    <message>
        <source>reading the message</source>
        <translation>Lesen der Nachricht</translation>
    </message>
    <message>
        <source>The message has no recipients.</source>
        <translation>Die Nachricht hat keine Empfänger.</translation>
    </message>
    <message>
        <source>The message (%1 bytes) is larger than the server %2 accepts (%3 bytes).</source>
        <translation>Die Nachricht (%1 Byte) ist größer, als der Server %2 annimmt (%3 Byte).</translation>
    </message>
    <message>
        <source>The message contains 8-bit text but the server %1 does not accept 8-bit messages (no 8BITMIME). Send it encoded as quoted-printable or base64.</source>
        <translation>Die Nachricht enthält 8-Bit-Text, aber der Server %1 nimmt keine 8-Bit-Nachrichten an (kein 8BITMIME). Senden Sie sie als Quoted-Printable oder Base64 kodiert.</translation>
    </message>
    <message>
        <source>An address contains non-ASCII characters but the server %1 does not accept them (no SMTPUTF8).</source>
        <translation>Eine Adresse enthält Nicht-ASCII-Zeichen, aber der Server %1 nimmt diese nicht an (kein SMTPUTF8).</translation>
    </message>
    <message>
        <source>The recipient address &quot;%1&quot; is not valid.</source>
        <translation>Die Empfängeradresse „%1“ ist ungültig.</translation>
    </message>
    <message>
        <source>sending the message</source>
        <translation>Senden der Nachricht</translation>
    </message>
    <message>
        <source>sending</source>
        <translation>Senden</translation>
    </message>
</context>
<context>
    <name>Tributary::Smtp::Session</name>
    <message>
        <source>greeting</source>
        <translation>Begrüßung</translation>
    </message>
    <message>
        <source>reading a reply</source>
        <translation>Lesen einer Antwort</translation>
    </message>
    <message>
        <source>sending</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>EHLO</source>
        <translation>EHLO</translation>
    </message>
    <message>
        <source>HELO</source>
        <translation>HELO</translation>
    </message>
    <message>
        <source>STARTTLS</source>
        <translation>STARTTLS</translation>
    </message>
    <message>
        <source>authentication</source>
        <translation>Authentifizierung</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>Leerlauf</translation>
    </message>
    <message>
        <source>The server %1 does not offer authentication (AUTH).</source>
        <translation>Der Server %1 bietet keine Authentifizierung an (AUTH).</translation>
    </message>
    <message>
        <source>The server %1 offers no sign-in method Tributary supports for these credentials (%2).</source>
        <translation>Der Server %1 bietet für diese Zugangsdaten keine Anmeldemethode an, die Tributary unterstützt (%2).</translation>
    </message>
    <message>
        <source>QUIT</source>
        <translation>QUIT</translation>
    </message>
</context>
<context>
    <name>Tributary::Smtp::VerifyJob</name>
    <message>
        <source>Connected, %1, signed in.</source>
        <translation>Verbunden, %1, angemeldet.</translation>
    </message>
    <message>
        <source>encrypted</source>
        <translation>verschlüsselt</translation>
    </message>
    <message>
        <source>not encrypted</source>
        <translation>nicht verschlüsselt</translation>
    </message>
</context>
<context>
    <name>Tributary::SmtpAccountJob</name>
    <message>
        <source>The application is shutting down.</source>
        <translation>Die Anwendung wird beendet.</translation>
    </message>
    <message>
        <source>This SMTP account no longer exists.</source>
        <translation>Dieses SMTP-Konto gibt es nicht mehr.</translation>
    </message>
    <message>
        <source>The saved password could not be read: %1</source>
        <translation>Das gespeicherte Passwort konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>The account could not be saved: %1</source>
        <translation>Das Konto konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>The password could not be removed from the keychain: %1</source>
        <translation>Das Passwort konnte nicht aus dem Schlüsselbund entfernt werden: %1</translation>
    </message>
    <message>
        <source>The password could not be saved in the keychain: %1</source>
        <translation>Das Passwort konnte nicht im Schlüsselbund gespeichert werden: %1</translation>
    </message>
    <message>
        <source>The account could not be deleted: %1</source>
        <translation>Das Konto konnte nicht gelöscht werden: %1</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <source>Sign in to the account before its connection can be tested.</source>
        <translation>Melden Sie sich beim Konto an, bevor seine Verbindung getestet werden kann.</translation>
    </message>
    <message>
        <source>The account was deleted, but its sign-in could not be removed from the keychain: %1</source>
        <translation>Das Konto wurde gelöscht, aber seine Anmeldung konnte nicht aus dem Schlüsselbund entfernt werden: %1</translation>
    </message>
    <message>
        <source>The account was saved, but its earlier sign-in could not be removed from the keychain: %1</source>
        <translation>Das Konto wurde gespeichert, aber seine frühere Anmeldung konnte nicht aus dem Schlüsselbund entfernt werden: %1</translation>
    </message>
</context>
<context>
    <name>Tributary::SmtpAccountListModel</name>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <source>SSL/TLS</source>
        <translation>SSL/TLS</translation>
    </message>
    <message>
        <source>STARTTLS</source>
        <translation>STARTTLS</translation>
    </message>
    <message>
        <source>(no authentication)</source>
        <translation>(keine Authentifizierung)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Email address</source>
        <translation>E-Mail-Adresse</translation>
    </message>
    <message>
        <source>SMTP server</source>
        <translation>SMTP-Server</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Encryption</source>
        <translation>Verschlüsselung</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Benutzername</translation>
    </message>
</context>
<context>
    <name>Tributary::SmtpAccountService</name>
    <message>
        <source>Enter a display name.</source>
        <translation>Geben Sie einen Anzeigenamen ein.</translation>
    </message>
    <message>
        <source>Enter the server address.</source>
        <translation>Geben Sie die Serveradresse ein.</translation>
    </message>
    <message>
        <source>The server address must not contain spaces.</source>
        <translation>Die Serveradresse darf keine Leerzeichen enthalten.</translation>
    </message>
    <message>
        <source>Enter a server port between 1 and 65535.</source>
        <translation>Geben Sie einen Serverport zwischen 1 und 65535 ein.</translation>
    </message>
    <message>
        <source>Enter a valid email address, such as name@example.com.</source>
        <translation>Geben Sie eine gültige E-Mail-Adresse ein, etwa name@example.com.</translation>
    </message>
    <message>
        <source>Enter the user name, or turn authentication off.</source>
        <translation>Geben Sie den Benutzernamen ein oder schalten Sie die Authentifizierung aus.</translation>
    </message>
    <message>
        <source>Enter the password, or turn authentication off.</source>
        <translation>Geben Sie das Passwort ein oder schalten Sie die Authentifizierung aus.</translation>
    </message>
</context>
<context>
    <name>Tributary::Spamd::CheckJob</name>
    <message>
        <source>Enter the host and port of the spamd server.</source>
        <translation>Geben Sie Host und Port des spamd-Servers ein.</translation>
    </message>
    <message>
        <source>The message (%1 bytes) is larger than the %2 bytes sent to spamd.</source>
        <translation>Die Nachricht (%1 Byte) ist größer als die %2 Byte, die an spamd gesendet werden.</translation>
    </message>
</context>
<context>
    <name>Tributary::Store</name>
    <message>
        <source>The message to send is missing from the mailbox.</source>
        <translation>Die zu sendende Nachricht fehlt im Postfach.</translation>
    </message>
    <message>
        <source>The message is no longer in the Outbox.</source>
        <translation>Die Nachricht ist nicht mehr im Postausgang.</translation>
    </message>
    <message>
        <source>The mail database %1 could not be opened (%2).</source>
        <translation>Die Mail-Datenbank %1 konnte nicht geöffnet werden (%2).</translation>
    </message>
    <message>
        <source>%1 is not a Tributary mail database (%2).</source>
        <translation>%1 ist keine Mail-Datenbank von Tributary (%2).</translation>
    </message>
    <message>
        <source>The profile folder %1 could not be created.</source>
        <translation>Der Profilordner %1 konnte nicht angelegt werden.</translation>
    </message>
    <message>
        <source>The mail database %1 was written by a newer version of Tributary (schema %2; this version understands up to %3). Update Tributary to open it; the file was left unchanged.</source>
        <translation>Die Mail-Datenbank %1 wurde von einer neueren Version von Tributary geschrieben (Schema %2; diese Version versteht bis %3). Aktualisieren Sie Tributary, um sie zu öffnen; die Datei wurde nicht verändert.</translation>
    </message>
    <message>
        <source>The mail database is busy; close other copies of Tributary and try again.</source>
        <translation>Die Mail-Datenbank ist belegt. Schließen Sie andere laufende Tributary-Instanzen und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The mail database could not be upgraded to version %1 (%2).</source>
        <translation>Die Mail-Datenbank konnte nicht auf Version %1 aktualisiert werden (%2).</translation>
    </message>
    <message>
        <source>The item no longer exists.</source>
        <translation>Das Element gibt es nicht mehr.</translation>
    </message>
    <message>
        <source>The cloud connection no longer exists.</source>
        <translation>Die Cloud-Verbindung gibt es nicht mehr.</translation>
    </message>
    <message>
        <source>The migration job no longer exists.</source>
        <translation>Den Umzugsauftrag gibt es nicht mehr.</translation>
    </message>
    <message>
        <source>The device no longer exists.</source>
        <translation>Das Gerät gibt es nicht mehr.</translation>
    </message>
    <message>
        <source>The filter rule could not be saved.</source>
        <translation>Die Filterregel konnte nicht gespeichert werden.</translation>
    </message>
    <message>
        <source>The filter rule no longer exists.</source>
        <translation>Die Filterregel gibt es nicht mehr.</translation>
    </message>
    <message>
        <source>The filter rules could not be reordered.</source>
        <translation>Die Reihenfolge der Filterregeln konnte nicht geändert werden.</translation>
    </message>
    <message>
        <source>The filter rules changed meanwhile; reload them and try again.</source>
        <translation>Die Filterregeln wurden inzwischen geändert. Laden Sie sie neu und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>A folder needs a name.</source>
        <translation>Ein Ordner braucht einen Namen.</translation>
    </message>
    <message>
        <source>The folder &quot;%1&quot; could not be created.</source>
        <translation>Der Ordner „%1“ konnte nicht angelegt werden.</translation>
    </message>
    <message>
        <source>The folder no longer exists.</source>
        <translation>Den Ordner gibt es nicht mehr.</translation>
    </message>
    <message>
        <source>A folder named &quot;%1&quot; already exists there.</source>
        <translation>Dort gibt es bereits einen Ordner namens „%1“.</translation>
    </message>
    <message>
        <source>Only an empty folder without subfolders can be removed.</source>
        <translation>Nur ein leerer Ordner ohne Unterordner kann entfernt werden.</translation>
    </message>
    <message>
        <source>The message file %1 is missing; the message was not added.</source>
        <translation>Die Nachrichtendatei %1 fehlt; die Nachricht wurde nicht hinzugefügt.</translation>
    </message>
    <message>
        <source>The message no longer exists.</source>
        <translation>Die Nachricht gibt es nicht mehr.</translation>
    </message>
    <message>
        <source>No message was begun.</source>
        <translation>Es wurde keine Nachricht begonnen.</translation>
    </message>
    <message>
        <source>The message folder could not be saved to disk.</source>
        <translation>Der Nachrichtenordner konnte nicht auf dem Datenträger gespeichert werden.</translation>
    </message>
    <message>
        <source>The retrieval task no longer exists.</source>
        <translation>Die Abrufaufgabe gibt es nicht mehr.</translation>
    </message>
    <message>
        <source>The SMTP account no longer exists.</source>
        <translation>Das SMTP-Konto gibt es nicht mehr.</translation>
    </message>
    <message>
        <source>The mail database could not run a command (%1).</source>
        <translation>Die Mail-Datenbank konnte einen Befehl nicht ausführen (%1).</translation>
    </message>
    <message>
        <source>The mail database is busy or unavailable.</source>
        <translation>Die Mail-Datenbank ist belegt oder nicht verfügbar.</translation>
    </message>
    <message>
        <source>The mail database could not save the change (%1).</source>
        <translation>Die Mail-Datenbank konnte die Änderung nicht speichern (%1).</translation>
    </message>
</context>
<context>
    <name>Tributary::Ui::ActivityPage</name>
    <message>
        <source>All areas</source>
        <translation>Alle Bereiche</translation>
    </message>
    <message>
        <source>Retrieval</source>
        <translation>Abruf</translation>
    </message>
    <message>
        <source>SMTP</source>
        <translation>SMTP</translation>
    </message>
    <message>
        <source>Cloud</source>
        <translation>Cloud</translation>
    </message>
    <message>
        <source>Migration</source>
        <translation>Umzug</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Synchronisation</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Geräte</translation>
    </message>
    <message>
        <source>App</source>
        <translation>Anwendung</translation>
    </message>
    <message>
        <source>&amp;Area:</source>
        <translation>&amp;Bereich:</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Bereich</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>&amp;Suchen:</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>Words in the source or the message</source>
        <translation>Wörter in Quelle oder Meldung</translation>
    </message>
    <message>
        <source>Activity log</source>
        <translation>Aktivitätsprotokoll</translation>
    </message>
</context>
<context>
    <name>Tributary::Ui::CertificateTrustPanel</name>
    <message>
        <source>Certificate trust</source>
        <translation>Vertrauen in das Zertifikat</translation>
    </message>
    <message>
        <source>Certificate fingerprint</source>
        <translation>Fingerabdruck des Zertifikats</translation>
    </message>
    <message>
        <source>&amp;Trust this certificate</source>
        <translation>Diesem Zertifikat &amp;vertrauen</translation>
    </message>
    <message>
        <source>Trust this certificate</source>
        <translation>Diesem Zertifikat vertrauen</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not trusted by this system. Its SHA-256 fingerprint is:
%1
Trust it only if this is the fingerprint your provider gives.</source>
        <translation>Diesem System ist das Zertifikat des Servers nicht vertrauenswürdig. Sein SHA-256-Fingerabdruck lautet:
%1
Vertrauen Sie ihm nur, wenn Ihr Anbieter genau diesen Fingerabdruck nennt.</translation>
    </message>
    <message>
        <source>The server presented a different certificate from the one you trusted before. Its SHA-256 fingerprint is:
%1
Trust it only if your provider says its certificate changed.</source>
        <translation>Der Server hat ein anderes Zertifikat vorgelegt als das, dem Sie zuvor vertraut haben. Sein SHA-256-Fingerabdruck lautet:
%1
Vertrauen Sie ihm nur, wenn Ihr Anbieter sagt, dass sich sein Zertifikat geändert hat.</translation>
    </message>
</context>
<context>
    <name>Tributary::Ui::ComposerDialog</name>
    <message>
        <source>&amp;Attach…</source>
        <translation>&amp;Anhängen…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Compose message</source>
        <translation>Nachricht verfassen</translation>
    </message>
    <message>
        <source>New Message</source>
        <translation>Neue Nachricht</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>No SMTP account</source>
        <translation>Kein SMTP-Konto</translation>
    </message>
    <message>
        <source>There is no SMTP account to send from yet. Add one on the SMTP Accounts page (New SMTP Account), then write your message again.</source>
        <translation>Es gibt noch kein SMTP-Konto zum Senden. Legen Sie auf der Seite „SMTP-Konten“ eines an (Neues SMTP-Konto) und schreiben Sie Ihre Nachricht dann erneut.</translation>
    </message>
    <message>
        <source>To</source>
        <translation>An</translation>
    </message>
    <message>
        <source>Cc</source>
        <translation>Cc</translation>
    </message>
    <message>
        <source>Bcc</source>
        <translation>Bcc</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Betreff</translation>
    </message>
    <message>
        <source>Name &lt;address&gt;, separated by commas</source>
        <translation>Name &lt;Adresse&gt;, durch Kommas getrennt</translation>
    </message>
    <message>
        <source>Text format</source>
        <translation>Textformat</translation>
    </message>
    <message>
        <source>Rich text</source>
        <translation>Formatierter Text</translation>
    </message>
    <message>
        <source>Plain text</source>
        <translation>Reiner Text</translation>
    </message>
    <message>
        <source>Message text</source>
        <translation>Nachrichtentext</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>Anhänge</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>Dateien anhängen</translation>
    </message>
    <message>
        <source>Remove attachment</source>
        <translation>Anhang entfernen</translation>
    </message>
    <message>
        <source>Attachment size warning</source>
        <translation>Warnung zur Größe der Anhänge</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Probleme</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>&amp;Senden</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Send (Ctrl+Return)</source>
        <translation>Senden (Strg+Eingabe)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;Von:</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>&amp;An:</translation>
    </message>
    <message>
        <source>&amp;Cc:</source>
        <translation>&amp;Cc:</translation>
    </message>
    <message>
        <source>&amp;Bcc:</source>
        <translation>&amp;Bcc:</translation>
    </message>
    <message>
        <source>S&amp;ubject:</source>
        <translation>Be&amp;treff:</translation>
    </message>
    <message>
        <source>F&amp;ormat:</source>
        <translation>F&amp;ormat:</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Attach Files</source>
        <translation>Dateien anhängen</translation>
    </message>
    <message>
        <source>The attachments add up to %1. Many mail servers refuse messages larger than %2; consider sharing big files as a cloud link instead.</source>
        <translation>Die Anhänge sind zusammen %1 groß. Viele Mailserver lehnen Nachrichten über %2 ab; teilen Sie große Dateien besser als Cloud-Link.</translation>
    </message>
    <message>
        <source>Add an SMTP account to send from.</source>
        <translation>Legen Sie ein SMTP-Konto zum Senden an.</translation>
    </message>
    <message>
        <source>%1: “%2” is not an email address.</source>
        <translation>%1: „%2“ ist keine E-Mail-Adresse.</translation>
    </message>
    <message>
        <source>Add at least one recipient.</source>
        <translation>Geben Sie mindestens einen Empfänger an.</translation>
    </message>
    <message>
        <source>Preparing the message…</source>
        <translation>Die Nachricht wird vorbereitet…</translation>
    </message>
    <message>
        <source>The message could not be prepared: %1</source>
        <translation>Die Nachricht konnte nicht vorbereitet werden: %1</translation>
    </message>
    <message>
        <source>The original message could not be read.</source>
        <translation>Die ursprüngliche Nachricht konnte nicht gelesen werden.</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>Weiterleiten</translation>
    </message>
    <message>
        <source>---------- Forwarded message ----------</source>
        <translation>---------- Weitergeleitete Nachricht ----------</translation>
    </message>
    <message>
        <source>From: %1</source>
        <translation>Von: %1</translation>
    </message>
    <message>
        <source>Date: %1</source>
        <translation>Datum: %1</translation>
    </message>
    <message>
        <source>Subject: %1</source>
        <translation>Betreff: %1</translation>
    </message>
    <message>
        <source>To: %1</source>
        <translation>An: %1</translation>
    </message>
    <message>
        <source>attachment-%1</source>
        <translation>anhang-%1</translation>
    </message>
    <message>
        <source>Reply All</source>
        <translation>Allen antworten</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Antworten</translation>
    </message>
    <message>
        <source>%1 wrote:</source>
        <translation>%1 schrieb:</translation>
    </message>
    <message>
        <source>On %1, %2 wrote:</source>
        <translation>Am %1 schrieb %2:</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>Wird gesendet…</translation>
    </message>
    <message>
        <source>(no subject)</source>
        <translation>(kein Betreff)</translation>
    </message>
    <message>
        <source>&amp;New Message</source>
        <translation>&amp;Neue Nachricht</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <source>Sent, but some recipients were refused</source>
        <translation>Gesendet, aber einige Empfänger wurden abgelehnt</translation>
    </message>
    <message>
        <source>Not sent yet</source>
        <translation>Noch nicht gesendet</translation>
    </message>
    <message>
        <source>%1 It is tried again at %2.</source>
        <translation>%1 Neuer Versuch um %2.</translation>
    </message>
</context>
<context>
    <name>Tributary::Ui::ConnectionTestFeedback</name>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
</context>
<context>
    <name>Tributary::Ui::ContentFilteringDialog</name>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Hinzufügen …</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten …</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>&amp;Up</source>
        <translation>Nach &amp;oben</translation>
    </message>
    <message>
        <source>&amp;Down</source>
        <translation>Nach &amp;unten</translation>
    </message>
    <message>
        <source>Ask a SpamAssassin spamd about every retrieved message</source>
        <translation>Jede abgerufene Nachricht von einem SpamAssassin-spamd prüfen lassen</translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation>&amp;Testen</translation>
    </message>
    <message>
        <source>Content Filtering</source>
        <translation>Inhaltsfilter</translation>
    </message>
    <message>
        <source>Rules run in this order on each message retrieved by a task with &quot;spam and content filtering&quot; on (IMAP: the Inbox only). Spam goes to Junk E-Mail first; the source server is never changed.</source>
        <translation>Die Regeln laufen in dieser Reihenfolge über jede Nachricht, die ein Auftrag mit eingeschaltetem „Spam- und Inhaltsfilter“ abruft (IMAP: nur der Posteingang). Spam kommt zuerst in „Junk-E-Mail“; am Quellserver wird nie etwas geändert.</translation>
    </message>
    <message>
        <source>Filter rules</source>
        <translation>Filterregeln</translation>
    </message>
    <message>
        <source>Spam check with spamd</source>
        <translation>Spamprüfung mit spamd</translation>
    </message>
    <message>
        <source>Use spamd</source>
        <translation>spamd verwenden</translation>
    </message>
    <message>
        <source>spamd host</source>
        <translation>spamd-Host</translation>
    </message>
    <message>
        <source>spamd port</source>
        <translation>spamd-Port</translation>
    </message>
    <message>
        <source>Largest message checked</source>
        <translation>Größte geprüfte Nachricht</translation>
    </message>
    <message>
        <source> KiB</source>
        <translation> KiB</translation>
    </message>
    <message>
        <source>&amp;Host:</source>
        <translation>&amp;Host:</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <source>&amp;Largest message:</source>
        <translation>&amp;Größte Nachricht:</translation>
    </message>
    <message>
        <source>Without spamd, the spam headers the source server adds (X-Spam-Flag, X-Spam-Status, Exchange SCL) are used.</source>
        <translation>Ohne spamd werden die Spam-Kopfzeilen verwendet, die der Quellserver hinzufügt (X-Spam-Flag, X-Spam-Status, Exchange SCL).</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>New rule</source>
        <translation>Neue Regel</translation>
    </message>
    <message>
        <source>Asking spamd…</source>
        <translation>spamd wird gefragt …</translation>
    </message>
    <message>
        <source>spamd works: it rated a test message %1 (spam from %2).</source>
        <translation>spamd funktioniert: Eine Testnachricht erhielt %1 (Spam ab %2).</translation>
    </message>
    <message>
        <source>Content &amp;Filtering…</source>
        <translation>Inhalts&amp;filter …</translation>
    </message>
</context>
<context>
    <name>Tributary::Ui::FilterRuleDialog</name>
    <message>
        <source>Rule is on</source>
        <translation>Regel ist eingeschaltet</translation>
    </message>
    <message>
        <source>Move to folder:</source>
        <translation>In Ordner verschieben:</translation>
    </message>
    <message>
        <source>Mark as read</source>
        <translation>Als gelesen markieren</translation>
    </message>
    <message>
        <source>Flag</source>
        <translation>Markieren</translation>
    </message>
    <message>
        <source>Delete (to Deleted Items)</source>
        <translation>Löschen (nach „Gelöschte Elemente“)</translation>
    </message>
    <message>
        <source>Stop processing more rules</source>
        <translation>Keine weiteren Regeln anwenden</translation>
    </message>
    <message>
        <source>Edit Rule</source>
        <translation>Regel bearbeiten</translation>
    </message>
    <message>
        <source>New Rule</source>
        <translation>Neue Regel</translation>
    </message>
    <message>
        <source>Rule name</source>
        <translation>Name der Regel</translation>
    </message>
    <message>
        <source>Match</source>
        <translation>Zutreffen</translation>
    </message>
    <message>
        <source>all of the conditions</source>
        <translation>alle Bedingungen</translation>
    </message>
    <message>
        <source>any of the conditions</source>
        <translation>eine der Bedingungen</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Match:</source>
        <translation>&amp;Zutreffen:</translation>
    </message>
    <message>
        <source>Conditions</source>
        <translation>Bedingungen</translation>
    </message>
    <message>
        <source>Add &amp;condition</source>
        <translation>&amp;Bedingung hinzufügen</translation>
    </message>
    <message>
        <source>Actions</source>
        <translation>Aktionen</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Betreff</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <source>To or Cc</source>
        <translation>An oder Cc</translation>
    </message>
    <message>
        <source>Header</source>
        <translation>Kopfzeile</translation>
    </message>
    <message>
        <source>Size (bytes)</source>
        <translation>Größe (Bytes)</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>Header name</source>
        <translation>Name der Kopfzeile</translation>
    </message>
    <message>
        <source>contains</source>
        <translation>enthält</translation>
    </message>
    <message>
        <source>does not contain</source>
        <translation>enthält nicht</translation>
    </message>
    <message>
        <source>is</source>
        <translation>ist</translation>
    </message>
    <message>
        <source>matches (* and ?)</source>
        <translation>passt auf (* und ?)</translation>
    </message>
    <message>
        <source>matches the regular expression</source>
        <translation>passt auf den regulären Ausdruck</translation>
    </message>
    <message>
        <source>is greater than</source>
        <translation>ist größer als</translation>
    </message>
    <message>
        <source>is less than</source>
        <translation>ist kleiner als</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Operator</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Remove condition</source>
        <translation>Bedingung entfernen</translation>
    </message>
    <message>
        <source>Give the rule a name.</source>
        <translation>Geben Sie der Regel einen Namen.</translation>
    </message>
</context>
<context>
    <name>Tributary::Ui::MailPage</name>
    <message>
        <source>Folders</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>Nachrichten</translation>
    </message>
    <message>
        <source>Mail actions</source>
        <translation>E-Mail-Aktionen</translation>
    </message>
    <message>
        <source>Move to</source>
        <translation>Verschieben nach</translation>
    </message>
    <message>
        <source>New Message</source>
        <translation>Neue Nachricht</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Antworten</translation>
    </message>
    <message>
        <source>Reply All</source>
        <translation>Allen antworten</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>Weiterleiten</translation>
    </message>
    <message>
        <source>Mark as Read</source>
        <translation>Als gelesen markieren</translation>
    </message>
    <message>
        <source>Mark as Unread</source>
        <translation>Als ungelesen markieren</translation>
    </message>
    <message>
        <source>Flag</source>
        <translation>Kennzeichnen</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Move to…</source>
        <translation>Verschieben nach …</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Outbox</source>
        <translation>Postausgang</translation>
    </message>
    <message>
        <source>Outbox (%1)</source>
        <translation>Postausgang (%1)</translation>
    </message>
    <message numerus="yes">
        <source>Outbox, %n message(s) waiting</source>
        <translation>
            <numerusform>Postausgang, %n Nachricht wartet</numerusform>
            <numerusform>Postausgang, %n Nachrichten warten</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Tributary::Ui::MainWindow</name>
    <message>
        <source>Pages</source>
        <translation>Seiten</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Tributary</source>
        <translation>Ü&amp;ber Tributary</translation>
    </message>
    <message>
        <source>&amp;Hide Tributary</source>
        <translation>Tributary &amp;ausblenden</translation>
    </message>
    <message>
        <source>&amp;Show Tributary</source>
        <translation>Tributary &amp;anzeigen</translation>
    </message>
    <message>
        <source>Requested from %1.</source>
        <translation>Angefordert auf der Seite %1.</translation>
    </message>
    <message>
        <source>About Tributary</source>
        <translation>Über Tributary</translation>
    </message>
    <message>
        <source>&lt;h3&gt;%1 %2&lt;/h3&gt;&lt;p&gt;Gathers your mail from your other accounts into one mailbox on your desktop, sends through their servers, and manages every connection your mailbox has with the outside.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;%1 %2&lt;/h3&gt;&lt;p&gt;Sammelt die E-Mails Ihrer anderen Konten in einem Postfach auf Ihrem Computer, versendet über deren Server und verwaltet jede Verbindung Ihres Postfachs nach außen.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>Etwas ist schiefgegangen</translation>
    </message>
</context>
<context>
    <name>Tributary::Ui::MessageReader</name>
    <message>
        <source>Remote content in this message was blocked to protect your privacy.</source>
        <translation>Externe Inhalte dieser Nachricht wurden zum Schutz Ihrer Privatsphäre blockiert.</translation>
    </message>
    <message>
        <source>Load remote content</source>
        <translation>Externe Inhalte laden</translation>
    </message>
    <message>
        <source>Remote content blocked</source>
        <translation>Externe Inhalte blockiert</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <source>Choose a message to read it here.</source>
        <translation>Wählen Sie eine Nachricht, um sie hier zu lesen.</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>Anhänge</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>Speichern …</translation>
    </message>
    <message>
        <source>Save attachment</source>
        <translation>Anhang speichern</translation>
    </message>
    <message>
        <source>Save All…</source>
        <translation>Alle speichern …</translation>
    </message>
    <message>
        <source>Save all attachments</source>
        <translation>Alle Anhänge speichern</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>Von:</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>An:</translation>
    </message>
    <message>
        <source>Cc:</source>
        <translation>Kopie:</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>Datum:</translation>
    </message>
    <message>
        <source>(no subject)</source>
        <translation>(kein Betreff)</translation>
    </message>
    <message>
        <source>Save Attachment</source>
        <translation>Anhang speichern</translation>
    </message>
    <message>
        <source>Save All Attachments to Folder</source>
        <translation>Alle Anhänge in einem Ordner speichern</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Wird gespeichert …</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>%1 gespeichert.</translation>
    </message>
    <message numerus="yes">
        <source>Saved %n attachments.</source>
        <translation>
            <numerusform>%n Anhang gespeichert.</numerusform>
            <numerusform>%n Anhänge gespeichert.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Tributary::Ui::OAuthSignInSteps</name>
    <message>
        <source>Waiting for you to sign in to %1 in your browser…</source>
        <translation>Warte darauf, dass Sie sich in Ihrem Browser bei %1 anmelden …</translation>
    </message>
    <message>
        <source>Waiting for you to sign in to %1 in the sign-in window…</source>
        <translation>Warte darauf, dass Sie sich im Anmeldefenster bei %1 anmelden …</translation>
    </message>
    <message>
        <source>Signing in with OAuth is not available: the token service is not running. Restart Tributary and try again.</source>
        <translation>Die Anmeldung mit OAuth ist nicht verfügbar: Der Token-Dienst läuft nicht. Starten Sie Tributary neu und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>%1 does not allow signing in inside apps: saving opens its sign-in page in your browser. You type your password there, never in Tributary.</source>
        <translation>%1 erlaubt keine Anmeldung innerhalb von Apps: Beim Speichern öffnet sich die Anmeldeseite in Ihrem Browser. Ihr Passwort geben Sie dort ein, nie in Tributary.</translation>
    </message>
    <message>
        <source>Saving opens the %1 sign-in page. You type your password there, never in Tributary.</source>
        <translation>Beim Speichern öffnet sich die Anmeldeseite von %1. Ihr Passwort geben Sie dort ein, nie in Tributary.</translation>
    </message>
</context>
<context>
    <name>Tributary::Ui::OutboxDialog</name>
    <message>
        <source>Outbox</source>
        <translation>Postausgang</translation>
    </message>
    <message>
        <source>Messages waiting to be sent</source>
        <translation>Nachrichten, die auf den Versand warten</translation>
    </message>
    <message>
        <source>The Outbox is empty: every message has been sent.</source>
        <translation>Der Postausgang ist leer: Alle Nachrichten wurden gesendet.</translation>
    </message>
    <message>
        <source>The server&apos;s reply</source>
        <translation>Antwort des Servers</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>&amp;Resend</source>
        <translation>&amp;Erneut senden</translation>
    </message>
    <message>
        <source>Resend</source>
        <translation>Erneut senden</translation>
    </message>
    <message>
        <source>Try to send the chosen message again now</source>
        <translation>Die gewählte Nachricht jetzt erneut senden</translation>
    </message>
    <message>
        <source>&amp;Discard…</source>
        <translation>&amp;Verwerfen …</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <source>Remove the chosen message from the Outbox without sending it</source>
        <translation>Die gewählte Nachricht ungesendet aus dem Postausgang entfernen</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>&amp;Schließen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Outbox (%1)</source>
        <translation>Postausgang (%1)</translation>
    </message>
    <message>
        <source>The server said: %1</source>
        <translation>Der Server antwortete: %1</translation>
    </message>
    <message>
        <source>This message cannot be sent again now: it was sent already or is being sent.</source>
        <translation>Diese Nachricht kann jetzt nicht erneut gesendet werden: Sie wurde schon gesendet oder wird gerade gesendet.</translation>
    </message>
    <message>
        <source>Discard Message</source>
        <translation>Nachricht verwerfen</translation>
    </message>
    <message>
        <source>Discard “%1” to %2? It will not be sent, and it is removed from the Outbox.</source>
        <translation>„%1“ an %2 verwerfen? Die Nachricht wird nicht gesendet und aus dem Postausgang entfernt.</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>&amp;Verwerfen</translation>
    </message>
    <message>
        <source>&amp;Keep</source>
        <translation>&amp;Behalten</translation>
    </message>
    <message>
        <source>The message could not be discarded: %1</source>
        <translation>Die Nachricht konnte nicht verworfen werden: %1</translation>
    </message>
</context>
<context>
    <name>Tributary::Ui::OverviewCard</name>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Open %1</source>
        <translation>%1 öffnen</translation>
    </message>
    <message>
        <source>No activity yet</source>
        <translation>Noch keine Aktivität</translation>
    </message>
    <message>
        <source>Last activity: %1</source>
        <translation>Letzte Aktivität: %1</translation>
    </message>
    <message>
        <source>Last activity: %1, %2</source>
        <translation>Letzte Aktivität: %1, %2</translation>
    </message>
</context>
<context>
    <name>Tributary::Ui::PageInfo</name>
    <message>
        <source>Mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Connectivity</source>
        <translation>Verbindungen</translation>
    </message>
    <message>
        <source>Cloud Storage</source>
        <translation>Cloud-Speicher</translation>
    </message>
    <message>
        <source>Email Retrieval</source>
        <translation>E-Mail-Abruf</translation>
    </message>
    <message>
        <source>SMTP Accounts</source>
        <translation>SMTP-Konten</translation>
    </message>
    <message>
        <source>Synchronized Devices</source>
        <translation>Synchronisierte Geräte</translation>
    </message>
    <message>
        <source>Authenticated IPs</source>
        <translation>Angemeldete IP-Adressen</translation>
    </message>
    <message>
        <source>Mailbox Migration</source>
        <translation>Postfach-Umzug</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Aktivität</translation>
    </message>
    <message>
        <source>Your local mailbox: folders, messages and the reader.</source>
        <translation>Ihr lokales Postfach: Ordner, Nachrichten und die Leseansicht.</translation>
    </message>
    <message>
        <source>Every connection your mailbox has with the outside, at a glance.</source>
        <translation>Alle Verbindungen Ihres Postfachs nach außen auf einen Blick.</translation>
    </message>
    <message>
        <source>Link files from your cloud storage into the messages you write.</source>
        <translation>Verknüpfen Sie Dateien aus Ihrem Cloud-Speicher in Ihren Nachrichten.</translation>
    </message>
    <message>
        <source>Collect mail from your other accounts into this mailbox.</source>
        <translation>Holen Sie E-Mails aus Ihren anderen Konten in dieses Postfach.</translation>
    </message>
    <message>
        <source>Send mail as your other addresses through their own servers.</source>
        <translation>Senden Sie unter Ihren anderen Adressen über deren eigene Server.</translation>
    </message>
    <message>
        <source>Phones, tablets and mail programs that keep in sync with this mailbox.</source>
        <translation>Telefone, Tablets und E-Mail-Programme, die mit diesem Postfach synchronisieren.</translation>
    </message>
    <message>
        <source>Public addresses that signed in to this mailbox in the last three days.</source>
        <translation>Öffentliche Adressen, die sich in den letzten drei Tagen an diesem Postfach angemeldet haben.</translation>
    </message>
    <message>
        <source>Import a whole account from another provider, in the background.</source>
        <translation>Importieren Sie ein ganzes Konto von einem anderen Anbieter, im Hintergrund.</translation>
    </message>
    <message>
        <source>What Tributary did, and what went wrong, area by area.</source>
        <translation>Was Tributary getan hat und was schiefging, nach Bereichen.</translation>
    </message>
    <message>
        <source>&amp;Connect Cloud Storage</source>
        <translation>&amp;Cloud-Speicher verbinden</translation>
    </message>
    <message>
        <source>&amp;New Retrieval Task</source>
        <translation>&amp;Neue Abrufaufgabe</translation>
    </message>
    <message>
        <source>New &amp;SMTP Account</source>
        <translation>Neues &amp;SMTP-Konto</translation>
    </message>
    <message>
        <source>&amp;Resync All Devices</source>
        <translation>Alle Geräte neu s&amp;ynchronisieren</translation>
    </message>
    <message>
        <source>R&amp;efresh</source>
        <translation>A&amp;ktualisieren</translation>
    </message>
    <message>
        <source>New &amp;Migration</source>
        <translation>Neuer &amp;Umzug</translation>
    </message>
    <message>
        <source>No cloud storage connected</source>
        <translation>Kein Cloud-Speicher verbunden</translation>
    </message>
    <message>
        <source>No retrieval tasks yet</source>
        <translation>Noch keine Abrufaufgaben</translation>
    </message>
    <message>
        <source>No SMTP accounts yet</source>
        <translation>Noch keine SMTP-Konten</translation>
    </message>
    <message>
        <source>No devices have synchronized yet</source>
        <translation>Noch hat kein Gerät synchronisiert</translation>
    </message>
    <message>
        <source>No sign-ins in the last three days</source>
        <translation>Keine Anmeldungen in den letzten drei Tagen</translation>
    </message>
    <message>
        <source>No migrations yet</source>
        <translation>Noch keine Umzüge</translation>
    </message>
    <message>
        <source>Nothing has happened yet</source>
        <translation>Bisher ist nichts geschehen</translation>
    </message>
    <message>
        <source>No messages</source>
        <translation>Keine Nachrichten</translation>
    </message>
    <message>
        <source>Connect Dropbox, OneDrive, Google Drive, ownCloud and others, then insert links to your files while you write a message.</source>
        <translation>Verbinden Sie Dropbox, OneDrive, Google Drive, ownCloud und andere und fügen Sie beim Schreiben Links zu Ihren Dateien ein.</translation>
    </message>
    <message>
        <source>A retrieval task collects mail from another account over POP3, IMAP or Microsoft 365, by hand or every ten minutes.</source>
        <translation>Eine Abrufaufgabe holt E-Mails aus einem anderen Konto über POP3, IMAP oder Microsoft 365, von Hand oder alle zehn Minuten.</translation>
    </message>
    <message>
        <source>Add the outgoing server of another address to send mail as that address, through its own provider.</source>
        <translation>Fügen Sie den Postausgangsserver einer anderen Adresse hinzu, um unter dieser Adresse über deren eigenen Anbieter zu senden.</translation>
    </message>
    <message>
        <source>Phones, tablets and mail programs appear here after they sign in to this mailbox to keep in sync.</source>
        <translation>Telefone, Tablets und E-Mail-Programme erscheinen hier, sobald sie sich zum Synchronisieren an diesem Postfach anmelden.</translation>
    </message>
    <message>
        <source>Every public address that signs in to this mailbox is listed here with its protocol, so you can spot a sign-in you do not recognize.</source>
        <translation>Jede öffentliche Adresse, die sich an diesem Postfach anmeldet, steht hier mit ihrem Protokoll, damit Ihnen unbekannte Anmeldungen auffallen.</translation>
    </message>
    <message>
        <source>Bring email, contacts, calendars, tasks and notes over from another provider. The import runs in the background and keeps a log.</source>
        <translation>Übernehmen Sie E-Mails, Kontakte, Kalender, Aufgaben und Notizen von einem anderen Anbieter. Der Import läuft im Hintergrund und führt ein Protokoll.</translation>
    </message>
    <message>
        <source>Retrievals, sent mail, migrations and sign-ins are logged here as they happen.</source>
        <translation>Abrufe, gesendete E-Mails, Umzüge und Anmeldungen werden hier protokolliert, sobald sie geschehen.</translation>
    </message>
    <message numerus="yes">
        <source>%n connection(s)</source>
        <translation>
            <numerusform>%n Verbindung</numerusform>
            <numerusform>%n Verbindungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n retrieval task(s)</source>
        <translation>
            <numerusform>%n Abrufaufgabe</numerusform>
            <numerusform>%n Abrufaufgaben</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n SMTP account(s)</source>
        <translation>
            <numerusform>%n SMTP-Konto</numerusform>
            <numerusform>%n SMTP-Konten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n device(s)</source>
        <translation>
            <numerusform>%n Gerät</numerusform>
            <numerusform>%n Geräte</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n address(es)</source>
        <translation>
            <numerusform>%n Adresse</numerusform>
            <numerusform>%n Adressen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n migration(s)</source>
        <translation>
            <numerusform>%n Umzug</numerusform>
            <numerusform>%n Umzüge</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Tributary::Ui::ProviderChooser</name>
    <message>
        <source>New Retrieval Task</source>
        <translation>Neue Abrufaufgabe</translation>
    </message>
    <message>
        <source>Choose the mail provider</source>
        <translation>Mail-Anbieter wählen</translation>
    </message>
    <message>
        <source>&amp;Where does the mail come from?</source>
        <translation>&amp;Woher kommt die Mail?</translation>
    </message>
    <message>
        <source>Mail providers</source>
        <translation>Mail-Anbieter</translation>
    </message>
    <message>
        <source>Other POP server</source>
        <translation>Anderer POP-Server</translation>
    </message>
    <message>
        <source>Other IMAP server</source>
        <translation>Anderer IMAP-Server</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>&amp;Weiter</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Signs in on %1&apos;s own page; Tributary never sees the password.</source>
        <translation>Meldet sich auf der eigenen Seite von %1 an; Tributary sieht das Passwort nie.</translation>
    </message>
    <message>
        <source>Exchange Web Services on your organisation&apos;s server, with its password or a Microsoft sign-in.</source>
        <translation>Exchange Web Services auf dem Server Ihrer Organisation, mit dessen Passwort oder einer Microsoft-Anmeldung.</translation>
    </message>
</context>
<context>
    <name>Tributary::Ui::RetrievalTaskDialog</name>
    <message>
        <source>New Retrieval Task</source>
        <translation>Neue Abrufaufgabe</translation>
    </message>
    <message>
        <source>Edit Retrieval Task</source>
        <translation>Abrufaufgabe bearbeiten</translation>
    </message>
    <message>
        <source>Retrieval task</source>
        <translation>Abrufaufgabe</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>POP</source>
        <translation>POP</translation>
    </message>
    <message>
        <source>IMAP</source>
        <translation>IMAP</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Serveradresse</translation>
    </message>
    <message>
        <source>mail.example.com</source>
        <translation>mail.example.com</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Port</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>name@example.com</source>
        <translation>name@example.com</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>App password help</source>
        <translation>Hilfe zum App-Passwort</translation>
    </message>
    <message>
        <source>Retrieval method</source>
        <translation>Abrufmethode</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>Manuell</translation>
    </message>
    <message>
        <source>Automatic (every 10 minutes)</source>
        <translation>Automatisch (alle 10 Minuten)</translation>
    </message>
    <message>
        <source>Destination folder</source>
        <translation>Zielordner</translation>
    </message>
    <message>
        <source>&amp;Root level folders</source>
        <translation>Ordner auf &amp;oberster Ebene</translation>
    </message>
    <message>
        <source>Root level folders</source>
        <translation>Ordner auf oberster Ebene</translation>
    </message>
    <message>
        <source>Su&amp;bfolders of:</source>
        <translation>&amp;Unterordner von:</translation>
    </message>
    <message>
        <source>Subfolders of a local folder</source>
        <translation>Unterordner eines lokalen Ordners</translation>
    </message>
    <message>
        <source>Local folder for the subfolders</source>
        <translation>Lokaler Ordner für die Unterordner</translation>
    </message>
    <message>
        <source>New &amp;Folder…</source>
        <translation>Neuer Or&amp;dner…</translation>
    </message>
    <message>
        <source>New folder</source>
        <translation>Neuer Ordner</translation>
    </message>
    <message>
        <source>Enable &amp;APOP authentication</source>
        <translation>&amp;APOP-Authentifizierung aktivieren</translation>
    </message>
    <message>
        <source>Enable APOP authentication</source>
        <translation>APOP-Authentifizierung aktivieren</translation>
    </message>
    <message>
        <source>&amp;Leave messages on server</source>
        <translation>Nachrichten auf dem Server &amp;belassen</translation>
    </message>
    <message>
        <source>Leave messages on server</source>
        <translation>Nachrichten auf dem Server belassen</translation>
    </message>
    <message>
        <source>Require SS&amp;L</source>
        <translation>SS&amp;L erforderlich</translation>
    </message>
    <message>
        <source>Require SSL</source>
        <translation>SSL erforderlich</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>&amp;Typ:</translation>
    </message>
    <message>
        <source>&amp;Server address:</source>
        <translation>&amp;Serveradresse:</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>Be&amp;nutzername:</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>Pass&amp;wort:</translation>
    </message>
    <message>
        <source>Retrieval &amp;method:</source>
        <translation>Abruf&amp;methode:</translation>
    </message>
    <message>
        <source>&amp;Destination folder:</source>
        <translation>&amp;Zielordner:</translation>
    </message>
    <message>
        <source>Folder transfer method:</source>
        <translation>Ordnerübertragung:</translation>
    </message>
    <message>
        <source>Testing the connection</source>
        <translation>Verbindung wird getestet</translation>
    </message>
    <message>
        <source>Certificate fingerprint</source>
        <translation>Fingerabdruck des Zertifikats</translation>
    </message>
    <message>
        <source>T&amp;rust this certificate</source>
        <translation>Diesem Zertifikat &amp;vertrauen</translation>
    </message>
    <message>
        <source>Trust this certificate</source>
        <translation>Diesem Zertifikat vertrauen</translation>
    </message>
    <message>
        <source>Sa&amp;ve</source>
        <translation>Spei&amp;chern</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>Abb&amp;rechen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Enable spam and content &amp;filtering</source>
        <translation>Spam- und In&amp;haltsfilter aktivieren</translation>
    </message>
    <message>
        <source>Enable spam and content &amp;filtering (Inbox only)</source>
        <translation>Spam- und In&amp;haltsfilter aktivieren (nur Posteingang)</translation>
    </message>
    <message>
        <source>Enable spam and content filtering</source>
        <translation>Spam- und Inhaltsfilter aktivieren</translation>
    </message>
    <message>
        <source>Enable spam and content filtering, Inbox only</source>
        <translation>Spam- und Inhaltsfilter aktivieren, nur Posteingang</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>Unverändert</translation>
    </message>
    <message>
        <source>New Folder</source>
        <translation>Neuer Ordner</translation>
    </message>
    <message>
        <source>Name of the new top-level folder:</source>
        <translation>Name des neuen Ordners auf oberster Ebene:</translation>
    </message>
    <message>
        <source>The folder “%1” could not be created: %2</source>
        <translation>Der Ordner „%1“ konnte nicht angelegt werden: %2</translation>
    </message>
    <message>
        <source>Enter the server address.</source>
        <translation>Geben Sie die Serveradresse ein.</translation>
    </message>
    <message>
        <source>The server address cannot contain spaces.</source>
        <translation>Die Serveradresse darf keine Leerzeichen enthalten.</translation>
    </message>
    <message>
        <source>Enter the username.</source>
        <translation>Geben Sie den Benutzernamen ein.</translation>
    </message>
    <message>
        <source>Enter the password.</source>
        <translation>Geben Sie das Passwort ein.</translation>
    </message>
    <message>
        <source>Choose the local folder that receives the subfolders, or create one with “New Folder…”.</source>
        <translation>Wählen Sie den lokalen Ordner für die Unterordner, oder legen Sie mit „Neuer Ordner…“ einen an.</translation>
    </message>
    <message>
        <source>Testing the connection…</source>
        <translation>Verbindung wird getestet…</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not trusted by this system. Its SHA-256 fingerprint is:
%1
Trust it only if this is the fingerprint your provider gives.</source>
        <translation>Dieses System vertraut dem Zertifikat des Servers nicht. Sein SHA-256-Fingerabdruck lautet:
%1
Vertrauen Sie ihm nur, wenn Ihr Anbieter diesen Fingerabdruck nennt.</translation>
    </message>
    <message>
        <source>Delete Retrieval Task</source>
        <translation>Abrufaufgabe löschen</translation>
    </message>
    <message>
        <source>Delete the retrieval task “%1” (%2)? Messages already retrieved stay in your mailbox; the saved password is removed from the keychain.</source>
        <translation>Die Abrufaufgabe „%1“ (%2) löschen? Bereits abgerufene Nachrichten bleiben in Ihrem Postfach; das gespeicherte Passwort wird aus dem Schlüsselbund entfernt.</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>&amp;Keep</source>
        <translation>&amp;Behalten</translation>
    </message>
    <message>
        <source>The retrieval task could not be deleted</source>
        <translation>Die Abrufaufgabe konnte nicht gelöscht werden</translation>
    </message>
    <message>
        <source>Already retrieving</source>
        <translation>Abruf läuft bereits</translation>
    </message>
    <message>
        <source>“%1” is retrieving messages right now.</source>
        <translation>„%1“ ruft gerade Nachrichten ab.</translation>
    </message>
    <message>
        <source>Retrieval could not start</source>
        <translation>Abruf konnte nicht starten</translation>
    </message>
    <message>
        <source>“%1” could not start now; other tasks are retrieving. Try again when they are done.</source>
        <translation>„%1“ konnte jetzt nicht starten, weil andere Aufgaben gerade abrufen. Versuchen Sie es erneut, wenn sie fertig sind.</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen…</translation>
    </message>
    <message>
        <source>&amp;Retrieve Messages Now</source>
        <translation>&amp;Jetzt Nachrichten abrufen</translation>
    </message>
    <message>
        <source>New mail</source>
        <translation>Neue E-Mail</translation>
    </message>
    <message>
        <source>1 new message from %1</source>
        <translation>1 neue Nachricht von %1</translation>
    </message>
    <message>
        <source>%1 new messages from %2</source>
        <translation>%1 neue Nachrichten von %2</translation>
    </message>
    <message>
        <source>Authentication</source>
        <translation>Authentifizierung</translation>
    </message>
    <message>
        <source>Microsoft sign-in (OAuth)</source>
        <translation>Microsoft-Anmeldung (OAuth)</translation>
    </message>
    <message>
        <source>Sign in with %1 (OAuth)</source>
        <translation>Mit %1 anmelden (OAuth)</translation>
    </message>
    <message>
        <source>App password</source>
        <translation>App-Passwort</translation>
    </message>
    <message>
        <source>Password (Basic or NTLM)</source>
        <translation>Passwort (Basic oder NTLM)</translation>
    </message>
    <message>
        <source>How signing in works</source>
        <translation>Wie die Anmeldung funktioniert</translation>
    </message>
    <message>
        <source>Sign in with my &amp;browser instead</source>
        <translation>Stattdessen mit meinem &amp;Browser anmelden</translation>
    </message>
    <message>
        <source>Sign in with my browser instead</source>
        <translation>Stattdessen mit meinem Browser anmelden</translation>
    </message>
    <message>
        <source>Administrator consent link</source>
        <translation>Link zur Administratorzustimmung</translation>
    </message>
    <message>
        <source>&amp;Authentication:</source>
        <translation>&amp;Authentifizierung:</translation>
    </message>
    <message>
        <source>&amp;Email address:</source>
        <translation>&amp;E-Mail-Adresse:</translation>
    </message>
    <message>
        <source>Email address</source>
        <translation>E-Mail-Adresse</translation>
    </message>
    <message>
        <source>Enter the email address.</source>
        <translation>Geben Sie die E-Mail-Adresse ein.</translation>
    </message>
    <message>
        <source>The email address cannot contain spaces.</source>
        <translation>Die E-Mail-Adresse darf keine Leerzeichen enthalten.</translation>
    </message>
    <message>
        <source>Signing in to %1 is not set up: the application has no client id for it. Set one in the settings (oauth/%2/clientId).</source>
        <translation>Die Anmeldung bei %1 ist nicht eingerichtet: Die Anwendung hat dafür keine Client-ID. Legen Sie eine in den Einstellungen fest (oauth/%2/clientId).</translation>
    </message>
    <message>
        <source>&lt;a href=&quot;%1&quot;&gt;Open the administrator consent page&lt;/a&gt;</source>
        <translation>&lt;a href=&quot;%1&quot;&gt;Seite für die Administratorzustimmung öffnen&lt;/a&gt;</translation>
    </message>
    <message>
        <source>Sign in again</source>
        <translation>Erneut anmelden</translation>
    </message>
    <message>
        <source>&amp;Sign In Again…</source>
        <translation>Erneut &amp;anmelden …</translation>
    </message>
    <message>
        <source>Sign in to this task&apos;s account again; its settings and retrieved mail stay.</source>
        <translation>Erneut beim Konto dieser Aufgabe anmelden; Einstellungen und abgerufene Mails bleiben erhalten.</translation>
    </message>
    <message>
        <source>Sign-in &amp;Health…</source>
        <translation>&amp;Zustand der Anmeldung …</translation>
    </message>
    <message>
        <source>When this task&apos;s sign-in was renewed and how long it lasts before you sign in again.</source>
        <translation>Wann die Anmeldung dieser Aufgabe erneuert wurde und wie lange sie noch gilt, bevor Sie sich erneut anmelden.</translation>
    </message>
    <message>
        <source>%1 needs you to sign in again. %2</source>
        <translation>Für %1 müssen Sie sich erneut anmelden. %2</translation>
    </message>
</context>
<context>
    <name>Tributary::Ui::SignInDialog</name>
    <message>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>Sign in to %1</source>
        <translation>Bei %1 anmelden</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Connection security</source>
        <translation>Verbindungssicherheit</translation>
    </message>
    <message>
        <source>Sign-in page</source>
        <translation>Anmeldeseite</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>Wird geladen …</translation>
    </message>
    <message>
        <source>The certificate of %1 is not trusted (%2). The page was not loaded and nothing was sent.</source>
        <translation>Dem Zertifikat von %1 wird nicht vertraut (%2). Die Seite wurde nicht geladen und nichts wurde gesendet.</translation>
    </message>
    <message>
        <source>The sign-in page stopped working. Please try again.</source>
        <translation>Die Anmeldeseite funktioniert nicht mehr. Bitte versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>The page at %1 could not be loaded. Check the network connection and try again, or cancel.</source>
        <translation>Die Seite bei %1 konnte nicht geladen werden. Prüfen Sie die Netzwerkverbindung und versuchen Sie es erneut, oder brechen Sie ab.</translation>
    </message>
    <message>
        <source>Certificate not trusted</source>
        <translation>Zertifikat nicht vertrauenswürdig</translation>
    </message>
    <message>
        <source>Secure connection (TLS)</source>
        <translation>Sichere Verbindung (TLS)</translation>
    </message>
    <message>
        <source>Not encrypted</source>
        <translation>Nicht verschlüsselt</translation>
    </message>
</context>
<context>
    <name>Tributary::Ui::SignInStatusModel</name>
    <message>
        <source>Sign in again</source>
        <translation>Erneut anmelden</translation>
    </message>
    <message>
        <source>The provider no longer accepts this task&apos;s sign-in.</source>
        <translation>Der Anbieter akzeptiert die Anmeldung dieser Aufgabe nicht mehr.</translation>
    </message>
    <message>
        <source>The provider no longer accepts this account&apos;s sign-in.</source>
        <translation>Der Anbieter akzeptiert die Anmeldung dieses Kontos nicht mehr.</translation>
    </message>
</context>
<context>
    <name>Tributary::Ui::SignInWindow</name>
    <message>
        <source>This provider has no redirect address for the sign-in window.</source>
        <translation>Dieser Anbieter hat keine Weiterleitungsadresse für das Anmeldefenster.</translation>
    </message>
</context>
<context>
    <name>Tributary::Ui::SmtpAccountDialog</name>
    <message>
        <source>&amp;Sign In Again…</source>
        <translation>Erneut &amp;anmelden…</translation>
    </message>
    <message>
        <source>Sign in to this account&apos;s provider again; its settings stay.</source>
        <translation>Erneut beim Anbieter dieses Kontos anmelden; seine Einstellungen bleiben erhalten.</translation>
    </message>
    <message>
        <source>The SMTP account %1 needs you to sign in again. %2</source>
        <translation>Für das SMTP-Konto %1 müssen Sie sich erneut anmelden. %2</translation>
    </message>
    <message>
        <source>New SMTP Account</source>
        <translation>Neues SMTP-Konto</translation>
    </message>
    <message>
        <source>Edit SMTP Account</source>
        <translation>SMTP-Konto bearbeiten</translation>
    </message>
    <message>
        <source>SMTP account</source>
        <translation>SMTP-Konto</translation>
    </message>
    <message>
        <source>Display name</source>
        <translation>Anzeigename</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Serveradresse</translation>
    </message>
    <message>
        <source>smtp.example.com</source>
        <translation>smtp.example.com</translation>
    </message>
    <message>
        <source>Server port</source>
        <translation>Serverport</translation>
    </message>
    <message>
        <source>Encryption</source>
        <translation>Verschlüsselung</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <source>SSL/TLS</source>
        <translation>SSL/TLS</translation>
    </message>
    <message>
        <source>STARTTLS</source>
        <translation>STARTTLS</translation>
    </message>
    <message>
        <source>Email address</source>
        <translation>E-Mail-Adresse</translation>
    </message>
    <message>
        <source>name@example.com</source>
        <translation>name@example.com</translation>
    </message>
    <message>
        <source>Enable &amp;authentication</source>
        <translation>&amp;Authentifizierung aktivieren</translation>
    </message>
    <message>
        <source>Enable authentication</source>
        <translation>Authentifizierung aktivieren</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>&amp;Display name:</source>
        <translation>Anzeige&amp;name:</translation>
    </message>
    <message>
        <source>Ser&amp;ver address:</source>
        <translation>Ser&amp;veradresse:</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation>&amp;Port:</translation>
    </message>
    <message>
        <source>E&amp;ncryption:</source>
        <translation>Verschlüsselu&amp;ng:</translation>
    </message>
    <message>
        <source>&amp;Email address:</source>
        <translation>&amp;E-Mail-Adresse:</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>Pass&amp;wort:</translation>
    </message>
    <message>
        <source>Testing the connection</source>
        <translation>Verbindung wird geprüft</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>Abbre&amp;chen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>Unverändert</translation>
    </message>
    <message>
        <source>Testing the connection…</source>
        <translation>Verbindung wird geprüft …</translation>
    </message>
    <message>
        <source>Delete SMTP Account</source>
        <translation>SMTP-Konto löschen</translation>
    </message>
    <message>
        <source>Delete the SMTP account “%1” (%2)? Its saved password is removed from the keychain too.</source>
        <translation>Das SMTP-Konto „%1“ (%2) löschen? Sein gespeichertes Passwort wird auch aus dem Schlüsselbund entfernt.</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>The SMTP account could not be deleted</source>
        <translation>Das SMTP-Konto konnte nicht gelöscht werden</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten …</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Löschen …</translation>
    </message>
    <message>
        <source>Microsoft 365</source>
        <translation>Microsoft 365</translation>
    </message>
    <message>
        <source>Outlook.com, Hotmail, Live.com</source>
        <translation>Outlook.com, Hotmail, Live.com</translation>
    </message>
    <message>
        <source>Gmail (sign in with Google)</source>
        <translation>Gmail (Anmeldung mit Google)</translation>
    </message>
    <message>
        <source>Other SMTP server</source>
        <translation>Anderer SMTP-Server</translation>
    </message>
    <message>
        <source>Account type</source>
        <translation>Kontotyp</translation>
    </message>
    <message>
        <source>Account &amp;type:</source>
        <translation>Konto&amp;typ:</translation>
    </message>
    <message>
        <source>How signing in works</source>
        <translation>Wie die Anmeldung funktioniert</translation>
    </message>
    <message>
        <source>Sign &amp;In Again…</source>
        <translation>Erneut &amp;anmelden …</translation>
    </message>
    <message>
        <source>Sign in again</source>
        <translation>Erneut anmelden</translation>
    </message>
    <message>
        <source>Si&amp;gn-in name:</source>
        <translation>Anmelde&amp;name:</translation>
    </message>
    <message>
        <source>Sign-in name</source>
        <translation>Anmeldename</translation>
    </message>
    <message>
        <source>Same as the email address</source>
        <translation>Wie die E-Mail-Adresse</translation>
    </message>
    <message>
        <source>Saving tests the connection with your saved sign-in. “Sign In Again…” opens the %1 sign-in page; you type your password there, never in Tributary.</source>
        <translation>Beim Speichern wird die Verbindung mit Ihrer gespeicherten Anmeldung getestet. „Erneut anmelden …“ öffnet die Anmeldeseite von %1; Ihr Passwort geben Sie dort ein, nie in Tributary.</translation>
    </message>
    <message>
        <source>Signing in to %1 is not set up.</source>
        <translation>Die Anmeldung bei %1 ist nicht eingerichtet.</translation>
    </message>
    <message>
        <source>Delete the SMTP account “%1” (%2)? Its sign-in is revoked and removed from the keychain too.</source>
        <translation>Das SMTP-Konto „%1“ (%2) löschen? Seine Anmeldung wird widerrufen und auch aus dem Schlüsselbund entfernt.</translation>
    </message>
</context>
<context>
    <name>Tributary::Ui::Startup</name>
    <message>
        <source>Gathers your mail from other accounts into one mailbox on your desktop.</source>
        <translation>Sammelt Ihre E-Mails aus anderen Konten in einem Postfach auf Ihrem Computer.</translation>
    </message>
    <message>
        <source>Tributary cannot start</source>
        <translation>Tributary kann nicht starten</translation>
    </message>
</context>
<context>
    <name>Tributary::Ui::Toast</name>
    <message>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Dismiss notification: %1</source>
        <translation>Benachrichtigung schließen: %1</translation>
    </message>
</context>
<context>
    <name>Tributary::Ui::TokenHealthDialog</name>
    <message>
        <source>Sign-In Health</source>
        <translation>Anmeldestatus</translation>
    </message>
    <message>
        <source>Sign-In Health: %1</source>
        <translation>Anmeldestatus: %1</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>Tributary::Ui::TokenHealthView</name>
    <message>
        <source>in 1 minute</source>
        <translation>in 1 Minute</translation>
    </message>
    <message>
        <source>in %1 minutes</source>
        <translation>in %1 Minuten</translation>
    </message>
    <message>
        <source>in %1 hours</source>
        <translation>in %1 Stunden</translation>
    </message>
    <message>
        <source>in %1 days</source>
        <translation>in %1 Tagen</translation>
    </message>
    <message>
        <source>just now</source>
        <translation>gerade eben</translation>
    </message>
    <message>
        <source>1 minute ago</source>
        <translation>vor 1 Minute</translation>
    </message>
    <message>
        <source>%1 minutes ago</source>
        <translation>vor %1 Minuten</translation>
    </message>
    <message>
        <source>%1 hours ago</source>
        <translation>vor %1 Stunden</translation>
    </message>
    <message>
        <source>%1 days ago</source>
        <translation>vor %1 Tagen</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
    <message>
        <source>Sign-in health</source>
        <translation>Anmeldestatus</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Anbieter</translation>
    </message>
    <message>
        <source>Provider:</source>
        <translation>Anbieter:</translation>
    </message>
    <message>
        <source>Granted permissions</source>
        <translation>Erteilte Berechtigungen</translation>
    </message>
    <message>
        <source>Granted permissions:</source>
        <translation>Erteilte Berechtigungen:</translation>
    </message>
    <message>
        <source>Access token</source>
        <translation>Zugriffstoken</translation>
    </message>
    <message>
        <source>Access token:</source>
        <translation>Zugriffstoken:</translation>
    </message>
    <message>
        <source>Last refresh</source>
        <translation>Letzte Erneuerung</translation>
    </message>
    <message>
        <source>Last refresh:</source>
        <translation>Letzte Erneuerung:</translation>
    </message>
    <message>
        <source>Signed in</source>
        <translation>Angemeldet</translation>
    </message>
    <message>
        <source>Signed in:</source>
        <translation>Angemeldet:</translation>
    </message>
    <message>
        <source>None reported by the provider</source>
        <translation>Vom Anbieter nicht angegeben</translation>
    </message>
    <message>
        <source>None (removed when the provider refused the sign-in)</source>
        <translation>Keines (entfernt, als der Anbieter die Anmeldung abgelehnt hat)</translation>
    </message>
    <message>
        <source>Valid until %1 (%2)</source>
        <translation>Gültig bis %1 (%2)</translation>
    </message>
    <message>
        <source>Expired at %1; a new one is fetched when it is needed</source>
        <translation>Abgelaufen am %1; bei Bedarf wird ein neues geholt</translation>
    </message>
    <message>
        <source>The provider did not say when it expires</source>
        <translation>Der Anbieter hat nicht angegeben, wann es abläuft</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Not yet since signing in</source>
        <translation>Seit der Anmeldung noch nicht</translation>
    </message>
    <message>
        <source>The provider ends a sign-in after 1 day.</source>
        <translation>Der Anbieter beendet eine Anmeldung nach 1 Tag.</translation>
    </message>
    <message>
        <source>The provider ends a sign-in after %1 days.</source>
        <translation>Der Anbieter beendet eine Anmeldung nach %1 Tagen.</translation>
    </message>
    <message>
        <source>This account has not signed in yet.</source>
        <translation>Dieses Konto ist noch nicht angemeldet.</translation>
    </message>
    <message>
        <source>Sign in again: the provider no longer accepts this sign-in.</source>
        <translation>Erneut anmelden: Der Anbieter akzeptiert diese Anmeldung nicht mehr.</translation>
    </message>
    <message>
        <source>Sign in again: %1</source>
        <translation>Erneut anmelden: %1</translation>
    </message>
    <message>
        <source>This sign-in ends in about 1 day. Sign in again now so that mail keeps moving.</source>
        <translation>Diese Anmeldung endet in etwa 1 Tag. Melden Sie sich jetzt erneut an, damit weiter E-Mails abgerufen und gesendet werden.</translation>
    </message>
    <message>
        <source>This sign-in ends in about %1 days. Sign in again now so that mail keeps moving.</source>
        <translation>Diese Anmeldung endet in etwa %1 Tagen. Melden Sie sich jetzt erneut an, damit weiter E-Mails abgerufen und gesendet werden.</translation>
    </message>
    <message>
        <source>Working. Access is renewed automatically.</source>
        <translation>Funktioniert. Der Zugriff wird automatisch erneuert.</translation>
    </message>
    <message>
        <source>&amp;Sign In…</source>
        <translation>&amp;Anmelden…</translation>
    </message>
    <message>
        <source>&amp;Sign In Again…</source>
        <translation>&amp;Erneut anmelden…</translation>
    </message>
</context>
</TS>
