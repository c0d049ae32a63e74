<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en">
<context>
    <name />
    <message>
        <source>&lt;h3&gt;regiedesk {0}&lt;/h3&gt;&lt;p&gt;Eén gezin, één plan, één regisseur.&lt;/p&gt;&lt;p&gt;Uw gegevens staan versleuteld (SQLCipher 4, AES-256) in:&lt;br&gt;&lt;tt&gt;{1}&lt;/tt&gt;&lt;/p&gt;&lt;p&gt;De gebruikershandleiding opent met F1 (menu Help, Handleiding).&lt;/p&gt;</source>
        <translation>&lt;h3&gt;regiedesk {0}&lt;/h3&gt;&lt;p&gt;One family, one plan, one caseworker.&lt;/p&gt;&lt;p&gt;Your data is stored encrypted (SQLCipher 4, AES-256) in:&lt;br&gt;&lt;tt&gt;{1}&lt;/tt&gt;&lt;/p&gt;&lt;p&gt;The user guide opens with F1 (menu Help, User guide).&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>ActionDialog</name>
    <message>
        <source>Annuleren</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Bezig…</source>
        <translation>Working…</translation>
    </message>
    <message>
        <source>Dit lukte niet door een onverwachte fout. Probeer het opnieuw; lukt het dan nog niet, neem contact op met de ICT-afdeling.</source>
        <translation>This failed because of an unexpected error. Try again; if it still fails, contact your IT department.</translation>
    </message>
</context>
<context>
    <name>ActionsMixin</name>
    <message>
        <source>Nog geen cijfers: vernieuw met F5 als u online bent.</source>
        <translation>No figures yet: refresh with F5 when you are online.</translation>
    </message>
    <message>
        <source>Kies eerst een gezin op het tabblad Gezinnen.</source>
        <translation>First choose a family on the Families tab.</translation>
    </message>
    <message>
        <source>Dit gezin heeft geen waarneming om te beëindigen.</source>
        <translation>This family has no stand-in to end.</translation>
    </message>
    <message>
        <source>Teamrapportage wordt gemaakt…</source>
        <translation>Making the team report…</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <source>Nog geen gegevens</source>
        <translation>No data yet</translation>
    </message>
</context>
<context>
    <name>BookVisitDialog</name>
    <message>
        <source>Bezoek boeken</source>
        <translation>Book the visit</translation>
    </message>
    <message>
        <source>Het bezoek van {0} op {1} boeken als urenregel.</source>
        <translation>Book the visit of {0} on {1} as an hours entry.</translation>
    </message>
    <message>
        <source>Activiteit</source>
        <translation>Activity</translation>
    </message>
    <message>
        <source>Leefgebied</source>
        <translation>Life domain</translation>
    </message>
    <message>
        <source>&amp;Activiteit:</source>
        <translation>Activit&amp;y:</translation>
    </message>
    <message>
        <source>Lee&amp;fgebied:</source>
        <translation>L&amp;ife domain:</translation>
    </message>
    <message>
        <source>&amp;Boeken</source>
        <translation>&amp;Book</translation>
    </message>
    <message>
        <source>Annuleren</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>CaseloadModel</name>
    <message>
        <source>Gezin</source>
        <translation>Family</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Uren deze week</source>
        <translation>Hours this week</translation>
    </message>
    <message>
        <source>Laatste huisbezoek</source>
        <translation>Last home visit</translation>
    </message>
    <message>
        <source>Actieve betrokkenen</source>
        <translation>Active parties</translation>
    </message>
    <message>
        <source>Afspraken te doen (t/m vandaag)</source>
        <translation>Agreements due (up to today)</translation>
    </message>
</context>
<context>
    <name>CaseloadPage</name>
    <message>
        <source>U neemt waar voor {family} ({start} tot en met {end})</source>
        <translation>You stand in for {family} ({start} to {end})</translation>
    </message>
    <message>
        <source>{family} wordt waargenomen door {user} ({start} tot en met {end})</source>
        <translation>{user} stands in for {family} ({start} to {end})</translation>
    </message>
    <message>
        <source>Waarneming: </source>
        <translation>Stand-in: </translation>
    </message>
    <message>
        <source>&lt;h2&gt;Mijn gezinnen&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;My families&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>&amp;Zoeken:</source>
        <translation>&amp;Search:</translation>
    </message>
    <message>
        <source>Naam van het gezin (Ctrl+F)</source>
        <translation>Name of the family (Ctrl+F)</translation>
    </message>
    <message>
        <source>Zoeken op naam</source>
        <translation>Search by name</translation>
    </message>
    <message>
        <source>Alle statussen</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>Filter op status</source>
        <translation>Filter by status</translation>
    </message>
    <message>
        <source>&amp;Nieuw gezin</source>
        <translation>&amp;New family</translation>
    </message>
    <message>
        <source>Mijn &amp;week</source>
        <translation>My &amp;week</translation>
    </message>
    <message>
        <source>Uren, afspraken en evaluaties van deze week (Ctrl+Shift+W)</source>
        <translation>Hours, agreements and evaluations of this week (Ctrl+Shift+W)</translation>
    </message>
    <message>
        <source>Gezinnen</source>
        <translation>Families</translation>
    </message>
    <message>
        <source>{0} van {1} gezinnen</source>
        <translation>{0} of {1} families</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <source>Koppelen met de server</source>
        <translation>Connect to the server</translation>
    </message>
    <message>
        <source>Adres van de server</source>
        <translation>Server address</translation>
    </message>
    <message>
        <source>Gebruikersnaam</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>Wachtwoord voor de server</source>
        <translation>Server password</translation>
    </message>
    <message>
        <source>Code uit de authenticator-app</source>
        <translation>Code from the authenticator app</translation>
    </message>
    <message>
        <source>alleen voor teamleiders en beheerders</source>
        <translation>team leaders and administrators only</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <source>&amp;Gebruikersnaam:</source>
        <translation>&amp;User name:</translation>
    </message>
    <message>
        <source>&amp;Wachtwoord:</source>
        <translation>&amp;Passphrase:</translation>
    </message>
    <message>
        <source>&amp;Code:</source>
        <translation>Co&amp;de:</translation>
    </message>
    <message>
        <source>&amp;Koppelen</source>
        <translation>&amp;Connect</translation>
    </message>
</context>
<context>
    <name>CorrectionsTab</name>
    <message>
        <source>Gegeven</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>Zoals het nu is</source>
        <translation>As it is now</translation>
    </message>
    <message>
        <source>Verzoek van de cliënt</source>
        <translation>The client's request</translation>
    </message>
    <message>
        <source>Besluit</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>Verklaring van de cliënt</source>
        <translation>The client's statement</translation>
    </message>
    <message>
        <source>Datum</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Correctieverzoeken</source>
        <translation>Correction requests</translation>
    </message>
    <message>
        <source>Over welk gegeven</source>
        <translation>Which record it is about</translation>
    </message>
    <message>
        <source>Datum van het verzoek</source>
        <translation>Date of the request</translation>
    </message>
    <message>
        <source>Wat de cliënt verbeterd wil zien</source>
        <translation>What the client wants corrected</translation>
    </message>
    <message>
        <source>Toelichting op het besluit</source>
        <translation>Explanation of the outcome</translation>
    </message>
    <message>
        <source>De eigen woorden van de cliënt; bewaard naast het gegeven</source>
        <translation>The client's own words; kept beside the record</translation>
    </message>
    <message>
        <source>Verzoek aanpassen</source>
        <translation>Change request</translation>
    </message>
    <message>
        <source>Gegeven:</source>
        <translation>Record:</translation>
    </message>
    <message>
        <source>Datum verzoek:</source>
        <translation>Date of request:</translation>
    </message>
    <message>
        <source>Verzoek:</source>
        <translation>Request:</translation>
    </message>
    <message>
        <source>Besluit:</source>
        <translation>Outcome:</translation>
    </message>
    <message>
        <source>Toelichting:</source>
        <translation>Explanation:</translation>
    </message>
    <message>
        <source>Verklaring:</source>
        <translation>Statement:</translation>
    </message>
    <message>
        <source>Correctieverzoek aanpassen</source>
        <translation>Change correction request</translation>
    </message>
    <message>
        <source>Nieuw correctieverzoek</source>
        <translation>New correction request</translation>
    </message>
    <message>
        <source>Wijziging opsl&amp;aan</source>
        <translation>S&amp;ave change</translation>
    </message>
    <message>
        <source>Verzoek v&amp;astleggen</source>
        <translation>&amp;Record request</translation>
    </message>
    <message>
        <source>(verwijderd)</source>
        <translation>(removed)</translation>
    </message>
</context>
<context>
    <name>DateEdit</name>
    <message>
        <source>'{0}' is geen datum; typ dd-mm-jjjj.</source>
        <translation>'{0}' is not a date; type dd-mm-yyyy.</translation>
    </message>
</context>
<context>
    <name>DomainsTab</name>
    <message>
        <source>ZRM 2017</source>
        <translation>SSM 2017</translation>
    </message>
    <message>
        <source>ZRM-Huishoudens</source>
        <translation>SSM-Households</translation>
    </message>
    <message>
        <source>ZRM (11 domeinen)</source>
        <translation>SSM (11 domains)</translation>
    </message>
    <message>
        <source>Instrument</source>
        <translation>Instrument</translation>
    </message>
    <message>
        <source>Gezinslid</source>
        <translation>Family member</translation>
    </message>
    <message>
        <source>Moment</source>
        <translation>Moment</translation>
    </message>
    <message>
        <source>Datum van de meting</source>
        <translation>Date of the measurement</translation>
    </message>
    <message>
        <source>Wijziging opsl&amp;aan</source>
        <translation>S&amp;ave change</translation>
    </message>
    <message>
        <source>Meting opsl&amp;aan</source>
        <translation>S&amp;ave measurement</translation>
    </message>
    <message>
        <source>Meting aanpassen</source>
        <translation>Edit measurement</translation>
    </message>
    <message>
        <source>Meting verwijderen</source>
        <translation>Remove measurement</translation>
    </message>
    <message>
        <source>Datum</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Leefgebied</source>
        <translation>Life domain</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Eerdere metingen</source>
        <translation>Earlier measurements</translation>
    </message>
    <message>
        <source>Leefgebied voor de grafiek</source>
        <translation>Life domain for the chart</translation>
    </message>
    <message>
        <source>Score door de tijd</source>
        <translation>Score over time</translation>
    </message>
    <message>
        <source>&amp;Instrument:</source>
        <translation>&amp;Instrument:</translation>
    </message>
    <message>
        <source>Voo&amp;r:</source>
        <translation>Fo&amp;r:</translation>
    </message>
    <message>
        <source>Da&amp;tum:</source>
        <translation>&amp;Date:</translation>
    </message>
    <message>
        <source>&amp;Moment:</source>
        <translation>Momen&amp;t:</translation>
    </message>
    <message>
        <source>Nieuwe meting</source>
        <translation>New measurement</translation>
    </message>
    <message>
        <source>Geschiedenis</source>
        <translation>History</translation>
    </message>
    <message>
        <source>Ander instrument</source>
        <translation>Another instrument</translation>
    </message>
    <message>
        <source>De scores en toelichtingen die u invulde, horen bij {0} en zijn nog niet opgeslagen. Wisselt u naar {1}, dan gaan ze verloren.</source>
        <translation>The scores and notes you entered belong to {0} and have not been saved. If you switch to {1}, they are lost.</translation>
    </message>
    <message>
        <source>Toch wisselen</source>
        <translation>Switch anyway</translation>
    </message>
    <message>
        <source>Scores houden</source>
        <translation>Keep the scores</translation>
    </message>
    <message>
        <source>(niet gescoord)</source>
        <translation>(not scored)</translation>
    </message>
    <message>
        <source>Score {0}</source>
        <translation>Score {0}</translation>
    </message>
    <message>
        <source>toelichting</source>
        <translation>note</translation>
    </message>
    <message>
        <source>Toelichting {0}</source>
        <translation>Note on {0}</translation>
    </message>
    <message>
        <source>Het huishouden</source>
        <translation>The household</translation>
    </message>
    <message>
        <source>meting van {1} ({0})</source>
        <translation>measurement of {1} ({0})</translation>
    </message>
</context>
<context>
    <name>EndStandInDialog</name>
    <message>
        <source>Waarneming beëindigen</source>
        <translation>End a stand-in</translation>
    </message>
    <message>
        <source>Waarneming</source>
        <translation>Stand-in</translation>
    </message>
    <message>
        <source>Gezin:</source>
        <translation>Family:</translation>
    </message>
    <message>
        <source>&amp;Waarneming:</source>
        <translation>&amp;Stand-in:</translation>
    </message>
    <message>
        <source>De waarneming stopt nu: gisteren was de laatste dag.</source>
        <translation>The stand-in stops now: yesterday was its last day.</translation>
    </message>
    <message>
        <source>Beëindigen</source>
        <translation>End it</translation>
    </message>
</context>
<context>
    <name>FamilyDialog</name>
    <message>
        <source>Gezinsgegevens</source>
        <translation>Family details</translation>
    </message>
    <message>
        <source>Naam van het gezin</source>
        <translation>Name of the family</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Startdatum</source>
        <translation>Start date</translation>
    </message>
    <message>
        <source>Einddatum</source>
        <translation>End date</translation>
    </message>
    <message>
        <source>Reden van afsluiten</source>
        <translation>Reason for closing</translation>
    </message>
    <message>
        <source>Evaluatiedatum</source>
        <translation>Evaluation date</translation>
    </message>
    <message>
        <source>&amp;Naam:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>&amp;Status:</translation>
    </message>
    <message>
        <source>S&amp;tartdatum:</source>
        <translation>S&amp;tart date:</translation>
    </message>
    <message>
        <source>&amp;Einddatum:</source>
        <translation>&amp;End date:</translation>
    </message>
    <message>
        <source>&amp;Reden van afsluiten:</source>
        <translation>&amp;Reason for closing:</translation>
    </message>
    <message>
        <source>E&amp;valuatiedatum:</source>
        <translation>E&amp;valuation date:</translation>
    </message>
    <message>
        <source>Opslaan</source>
        <translation>Save</translation>
    </message>
</context>
<context>
    <name>FamilyPageMixin</name>
    <message>
        <source>Uren per week</source>
        <translation>Hours per week</translation>
    </message>
    <message>
        <source>Betrokken partijen</source>
        <translation>Involved parties</translation>
    </message>
    <message>
        <source>Regisseur {who} · {status} · {days} dagen sinds contact</source>
        <translation>Caseworker {who} · {status} · {days} days since contact</translation>
    </message>
    <message>
        <source>Gezinslid</source>
        <translation>Family member</translation>
    </message>
    <message>
        <source>Leefgebied</source>
        <translation>Life domain</translation>
    </message>
    <message>
        <source>Eerste score</source>
        <translation>First score</translation>
    </message>
    <message>
        <source>Laatste score</source>
        <translation>Latest score</translation>
    </message>
    <message>
        <source>Huishouden</source>
        <translation>Household</translation>
    </message>
    <message>
        <source>Lid {n}</source>
        <translation>Member {n}</translation>
    </message>
</context>
<context>
    <name>FamilyTab</name>
    <message>
        <source>Verwijderen</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>'{0}' verwijderen?</source>
        <translation>Remove '{0}'?</translation>
    </message>
    <message>
        <source>Annuleren</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source> (verklaring)</source>
        <translation> (statement)</translation>
    </message>
    <message>
        <source>Verklaring van de cliënt: {0}</source>
        <translation>The client's statement: {0}</translation>
    </message>
</context>
<context>
    <name>FamilyWorkspace</name>
    <message>
        <source>&amp;Overzicht</source>
        <translation>&amp;Overview</translation>
    </message>
    <message>
        <source>&amp;Uren</source>
        <translation>Ho&amp;urs</translation>
    </message>
    <message>
        <source>&amp;Leefgebieden</source>
        <translation>&amp;Life domains</translation>
    </message>
    <message>
        <source>&amp;Netwerk</source>
        <translation>&amp;Network</translation>
    </message>
    <message>
        <source>&amp;Plan</source>
        <translation>&amp;Plan</translation>
    </message>
    <message>
        <source>&amp;Verslagen</source>
        <translation>Not&amp;es</translation>
    </message>
    <message>
        <source>&amp;Correcties</source>
        <translation>&amp;Corrections</translation>
    </message>
    <message>
        <source>Werkruimte van het gezin</source>
        <translation>Family workspace</translation>
    </message>
    <message>
        <source>'{0}' verwijderd.</source>
        <translation>'{0}' removed.</translation>
    </message>
    <message>
        <source>Ongedaan maken</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>Ctrl+Z</source>
        <translation>Ctrl+Z</translation>
    </message>
    <message>
        <source>Verwijderen ongedaan maken</source>
        <translation>Undo the removal</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>Annuleren</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>GuideWindow</name>
    <message>
        <source>Handleiding</source>
        <translation>User guide</translation>
    </message>
    <message>
        <source>&amp;Sluiten</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <source>De handleiding ontbreekt in deze installatie. Installeer regiedesk opnieuw of vraag de ICT-afdeling om de handleiding.</source>
        <translation>The user guide is missing from this installation. Reinstall regiedesk or ask your IT department for the guide.</translation>
    </message>
    <message>
        <source>De handleiding is alleen in het Nederlands beschikbaar.</source>
        <translation>The user guide is available in Dutch only.</translation>
    </message>
</context>
<context>
    <name>HandoverDialog</name>
    <message>
        <source>Gezin overdragen</source>
        <translation>Hand over a family</translation>
    </message>
    <message>
        <source>Nieuwe regisseur</source>
        <translation>New caseworker</translation>
    </message>
    <message>
        <source>Gezin:</source>
        <translation>Family:</translation>
    </message>
    <message>
        <source>Nu bij:</source>
        <translation>Now with:</translation>
    </message>
    <message>
        <source>&amp;Naar regisseur:</source>
        <translation>&amp;To caseworker:</translation>
    </message>
    <message>
        <source>De hele geschiedenis van het gezin gaat mee. Wat de huidige regisseur al deed, blijft bewaard; diens laptop verwijdert het gezin bij de volgende synchronisatie.</source>
        <translation>The family's whole history goes along. What the current caseworker did is kept; their laptop removes the family at its next sync.</translation>
    </message>
    <message>
        <source>Overdragen</source>
        <translation>Hand over</translation>
    </message>
</context>
<context>
    <name>HoursTab</name>
    <message>
        <source>&lt; Vorige week</source>
        <translation>&lt; Previous week</translation>
    </message>
    <message>
        <source>Volgende week &gt;</source>
        <translation>Next week &gt;</translation>
    </message>
    <message>
        <source>Datum</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Duur</source>
        <translation>Duration</translation>
    </message>
    <message>
        <source>Activiteit</source>
        <translation>Activity</translation>
    </message>
    <message>
        <source>Leefgebied</source>
        <translation>Life domain</translation>
    </message>
    <message>
        <source>Urenregels van deze week</source>
        <translation>Hours entries of this week</translation>
    </message>
    <message>
        <source>Datu&amp;m:</source>
        <translation>&amp;Date:</translation>
    </message>
    <message>
        <source>Duu&amp;r:</source>
        <translation>Du&amp;ration:</translation>
    </message>
    <message>
        <source>Lee&amp;fgebied:</source>
        <translation>L&amp;ife domain:</translation>
    </message>
    <message>
        <source>Regel verwijderen</source>
        <translation>Delete entry</translation>
    </message>
    <message>
        <source>Deze week: {0} ({1}) · {2}: {3}</source>
        <translation>This week: {0} ({1}) · {2}: {3}</translation>
    </message>
    <message>
        <source>nog niets</source>
        <translation>nothing yet</translation>
    </message>
    <message>
        <source>H&amp;ervat</source>
        <translation>Re&amp;sume</translation>
    </message>
    <message>
        <source>Pauz&amp;e</source>
        <translation>Pau&amp;se</translation>
    </message>
    <message>
        <source>&amp;Start bezoek</source>
        <translation>S&amp;tart visit</translation>
    </message>
    <message>
        <source>Uren &amp;toevoegen</source>
        <translation>&amp;Add hours</translation>
    </message>
    <message>
        <source>Stop en boe&amp;k</source>
        <translation>Stop and &amp;book</translation>
    </message>
    <message>
        <source>1:30 of 1,5 uur, of 90 minuten</source>
        <translation>1:30 or 1.5 hours, or 90 minutes</translation>
    </message>
    <message>
        <source>&amp;Activiteit:</source>
        <translation>Activit&amp;y:</translation>
    </message>
    <message>
        <source>Nieuwe urenregel</source>
        <translation>New hours entry</translation>
    </message>
    <message>
        <source>Bezoektimer</source>
        <translation>Visit timer</translation>
    </message>
    <message>
        <source>Regel be&amp;werken</source>
        <translation>Chan&amp;ge entry</translation>
    </message>
    <message>
        <source>(geen)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>Wij&amp;ziging opslaan</source>
        <translation>S&amp;ave change</translation>
    </message>
    <message>
        <source>Week {0} van {1} ({2} t/m {3})</source>
        <translation>Week {0} of {1} ({2} to {3})</translation>
    </message>
    <message>
        <source>Week {0}: {1} ({2}) · {3}: {4}</source>
        <translation>Week {0}: {1} ({2}) · {3}: {4}</translation>
    </message>
    <message>
        <source>Geen bezoek bezig.</source>
        <translation>No visit in progress.</translation>
    </message>
    <message>
        <source>loopt</source>
        <translation>running</translation>
    </message>
    <message>
        <source>gepauzeerd</source>
        <translation>paused</translation>
    </message>
    <message>
        <source>Bezoek {0}: {1}</source>
        <translation>Visit {0}: {1}</translation>
    </message>
    <message>
        <source>{0} {1} op {2}</source>
        <translation>{0} {1} on {2}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Bezoektimer</source>
        <translation>Visit timer</translation>
    </message>
    <message>
        <source>Synchronisatie</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>Bezig...</source>
        <translation>Working...</translation>
    </message>
    <message>
        <source>regiedesk - Oefenomgeving (fictieve gezinnen)</source>
        <translation>regiedesk - Practice (fictional families)</translation>
    </message>
    <message>
        <source>regiedesk</source>
        <translation>regiedesk</translation>
    </message>
    <message>
        <source>Oefenomgeving: fictieve gezinnen</source>
        <translation>Practice: fictional families</translation>
    </message>
    <message>
        <source>Wat u hier vastlegt, gaat nooit naar de server. Uw eigen gezinnen staan in uw eigen profiel: vergrendel (Ctrl+L) en ontgrendel met uw wachtwoord.</source>
        <translation>Nothing you record here ever goes to the server. Your own families are in your own profile: lock (Ctrl+L) and unlock with your passphrase.</translation>
    </message>
    <message>
        <source>&amp;Bestand</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;Gezin</source>
        <translation>Fa&amp;mily</translation>
    </message>
    <message>
        <source>Beel&amp;d</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>&amp;Vergrendelen</source>
        <translation>&amp;Lock</translation>
    </message>
    <message>
        <source>&amp;Instellingen...</source>
        <translation>&amp;Settings...</translation>
    </message>
    <message>
        <source>&amp;Afsluiten</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>Mijn &amp;gezinnen</source>
        <translation>My &amp;families</translation>
    </message>
    <message>
        <source>Mijn wee&amp;k</source>
        <translation>My wee&amp;k</translation>
    </message>
    <message>
        <source>&amp;Nieuw gezin...</source>
        <translation>&amp;New family...</translation>
    </message>
    <message>
        <source>&amp;Zoeken</source>
        <translation>&amp;Search</translation>
    </message>
    <message>
        <source>Nieuwe &amp;urenregel</source>
        <translation>New &amp;hours entry</translation>
    </message>
    <message>
        <source>Op&amp;slaan</source>
        <translation>Sa&amp;ve</translation>
    </message>
    <message>
        <source>&amp;Rapport afdrukken...</source>
        <translation>&amp;Print a report...</translation>
    </message>
    <message>
        <source>Uren&amp;verantwoording van alle gezinnen...</source>
        <translation>Hours s&amp;tatement of all families...</translation>
    </message>
    <message>
        <source>&amp;Wie zag of wijzigde dit gezin...</source>
        <translation>&amp;Who saw or changed this family...</translation>
    </message>
    <message>
        <source>&amp;Volgend tabblad</source>
        <translation>&amp;Next tab</translation>
    </message>
    <message>
        <source>V&amp;orig tabblad</source>
        <translation>&amp;Previous tab</translation>
    </message>
    <message>
        <source>Ve&amp;rnieuwen en synchroniseren</source>
        <translation>&amp;Refresh and sync</translation>
    </message>
    <message>
        <source>Synchronisatie a&amp;fbreken</source>
        <translation>Ca&amp;ncel sync</translation>
    </message>
    <message>
        <source>&amp;Koppelen met de server...</source>
        <translation>&amp;Connect to the server...</translation>
    </message>
    <message>
        <source>A&amp;part gezet werk...</source>
        <translation>Set-aside &amp;work...</translation>
    </message>
    <message>
        <source>&amp;Handleiding</source>
        <translation>User &amp;guide</translation>
    </message>
    <message>
        <source>&amp;Over regiedesk</source>
        <translation>&amp;About regiedesk</translation>
    </message>
    <message>
        <source>Kies eerst een gezin.</source>
        <translation>Choose a family first.</translation>
    </message>
    <message>
        <source>Bezoek loopt</source>
        <translation>Visit running</translation>
    </message>
    <message>
        <source>Bezoek gepauzeerd</source>
        <translation>Visit paused</translation>
    </message>
</context>
<context>
    <name>MemberDialog</name>
    <message>
        <source>Gezinslid</source>
        <translation>Family member</translation>
    </message>
    <message>
        <source>Nieuw gezinslid</source>
        <translation>New family member</translation>
    </message>
    <message>
        <source>Naam van het gezinslid</source>
        <translation>Name of the family member</translation>
    </message>
    <message>
        <source>Rol in het gezin</source>
        <translation>Role in the family</translation>
    </message>
    <message>
        <source>Geboortedatum</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>dd-mm-jjjj (mag leeg)</source>
        <translation>dd-mm-yyyy (may be empty)</translation>
    </message>
    <message>
        <source>BSN</source>
        <translation>BSN</translation>
    </message>
    <message>
        <source>9 cijfers (mag leeg)</source>
        <translation>9 digits (may be empty)</translation>
    </message>
    <message>
        <source>&amp;Naam:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Rol:</source>
        <translation>&amp;Role:</translation>
    </message>
    <message>
        <source>&amp;Geboortedatum:</source>
        <translation>Date of &amp;birth:</translation>
    </message>
    <message>
        <source>&amp;BSN:</source>
        <translation>B&amp;SN:</translation>
    </message>
    <message>
        <source>Opslaan</source>
        <translation>Save</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <source>Versies samenvoegen</source>
        <translation>Merge versions</translation>
    </message>
    <message>
        <source>Dit verslag is op twee plaatsen tegelijk gewijzigd. Links staan de versies, rechts het samengevoegde verslag. Waar beide versies dezelfde regels wijzigden staan ze tussen &lt;&lt;&lt;&lt;&lt;&lt;&lt; en &gt;&gt;&gt;&gt;&gt;&gt;&gt;: kies wat blijft en haal de markeringen weg.</source>
        <translation>This note was changed in two places at the same time. The versions are on the left, the merged note on the right. Where both versions changed the same lines, they stand between &lt;&lt;&lt;&lt;&lt;&lt;&lt; and &gt;&gt;&gt;&gt;&gt;&gt;&gt;: choose what stays and remove the markers.</translation>
    </message>
    <message>
        <source>Versie van {0}, {1} {2}</source>
        <translation>Version by {0}, {1} {2}</translation>
    </message>
    <message>
        <source>Samengevoegd verslag</source>
        <translation>Merged note</translation>
    </message>
    <message>
        <source>&amp;Samengevoegd verslag:</source>
        <translation>&amp;Merged note:</translation>
    </message>
    <message>
        <source>Samengevoegd verslag &amp;opslaan</source>
        <translation>&amp;Save merged note</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Later</translation>
    </message>
    <message>
        <source>Er staan nog markeringen in de tekst: kies per plek wat blijft.</source>
        <translation>There are still markers in the text: choose what stays at each place.</translation>
    </message>
</context>
<context>
    <name>MyWeekPage</name>
    <message>
        <source>&lt;h2&gt;Mijn week&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;My week&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>&lt; V&amp;orige week</source>
        <translation>&lt; &amp;Previous week</translation>
    </message>
    <message>
        <source>Vo&amp;lgende week &gt;</source>
        <translation>&amp;Next week &gt;</translation>
    </message>
    <message>
        <source>Deze wee&amp;k</source>
        <translation>This &amp;week</translation>
    </message>
    <message>
        <source>&amp;Terug naar mijn gezinnen</source>
        <translation>&amp;Back to my families</translation>
    </message>
    <message>
        <source>&lt;b&gt;Uren per dag en gezin&lt;/b&gt; (die u boekte)</source>
        <translation>&lt;b&gt;Hours per day and family&lt;/b&gt; (booked by you)</translation>
    </message>
    <message>
        <source>&lt;b&gt;Afspraken&lt;/b&gt; die deze week verlopen of al te laat zijn</source>
        <translation>&lt;b&gt;Agreements&lt;/b&gt; due this week or already late</translation>
    </message>
    <message>
        <source>&lt;b&gt;Evaluaties&lt;/b&gt; van het plan deze week of verstreken</source>
        <translation>Plan &lt;b&gt;evaluations&lt;/b&gt; this week or passed</translation>
    </message>
    <message>
        <source>&lt;b&gt;Zonder contact&lt;/b&gt; al {0} dagen of langer</source>
        <translation>&lt;b&gt;No contact&lt;/b&gt; for {0} days or more</translation>
    </message>
    <message>
        <source>Uren per dag en gezin</source>
        <translation>Hours per day and family</translation>
    </message>
    <message>
        <source>Afspraken deze week en te laat</source>
        <translation>Agreements this week and late</translation>
    </message>
    <message>
        <source>Evaluaties deze week en verstreken</source>
        <translation>Evaluations this week and passed</translation>
    </message>
    <message>
        <source>Gezinnen zonder contact</source>
        <translation>Families without contact</translation>
    </message>
    <message>
        <source>Datum</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Gezin</source>
        <translation>Family</translation>
    </message>
    <message>
        <source>Afspraak</source>
        <translation>Agreement</translation>
    </message>
    <message>
        <source>Stand</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Laatste contact</source>
        <translation>Last contact</translation>
    </message>
    <message>
        <source>Dagen</source>
        <translation>Days</translation>
    </message>
    <message>
        <source>ma</source>
        <translation>Mon</translation>
    </message>
    <message>
        <source>di</source>
        <translation>Tue</translation>
    </message>
    <message>
        <source>wo</source>
        <translation>Wed</translation>
    </message>
    <message>
        <source>do</source>
        <translation>Thu</translation>
    </message>
    <message>
        <source>vr</source>
        <translation>Fri</translation>
    </message>
    <message>
        <source>za</source>
        <translation>Sat</translation>
    </message>
    <message>
        <source>zo</source>
        <translation>Sun</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>Week</translation>
    </message>
    <message>
        <source>Week {0} van {1} ({2} t/m {3})</source>
        <translation>Week {0} of {1} ({2} to {3})</translation>
    </message>
    <message>
        <source>Totaal</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Weektotaal: &lt;b&gt;{0}&lt;/b&gt; uur bij {1} gezinnen</source>
        <translation>Week total: &lt;b&gt;{0}&lt;/b&gt; hours with {1} families</translation>
    </message>
    <message>
        <source>Geen open afspraken in deze week.</source>
        <translation>No open agreements in this week.</translation>
    </message>
    <message>
        <source>Geen evaluaties in deze week.</source>
        <translation>No evaluations in this week.</translation>
    </message>
    <message>
        <source>te laat</source>
        <translation>late</translation>
    </message>
    <message>
        <source>deze week</source>
        <translation>this week</translation>
    </message>
    <message>
        <source>{0}, te laat</source>
        <translation>{0}, late</translation>
    </message>
    <message>
        <source>verstreken</source>
        <translation>passed</translation>
    </message>
    <message>
        <source>{0}, verstreken</source>
        <translation>{0}, overdue</translation>
    </message>
    <message>
        <source>nog geen contact</source>
        <translation>no contact yet</translation>
    </message>
    <message>
        <source>Met elk gezin was er de laatste {0} dagen contact.</source>
        <translation>Every family had a contact in the last {0} days.</translation>
    </message>
</context>
<context>
    <name>NetworkTab</name>
    <message>
        <source>Organisatie</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>Persoon</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>Rol</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Van</source>
        <translation>From</translation>
    </message>
    <message>
        <source>Tot</source>
        <translation>Until</translation>
    </message>
    <message>
        <source>Telefoon</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Betrokkenen</source>
        <translation>Involved parties</translation>
    </message>
    <message>
        <source>Einddatum betrokkenheid</source>
        <translation>End of involvement</translation>
    </message>
    <message>
        <source>Betrokken vanaf</source>
        <translation>Involved from</translation>
    </message>
    <message>
        <source>Tijd boeken</source>
        <translation>Book time</translation>
    </message>
    <message>
        <source>leeg: geen uren; of 0:45, 0,75, 45</source>
        <translation>empty: no hours; or 0:45, 0.75, 45</translation>
    </message>
    <message>
        <source>De tijd van dit contact als urenregel op dezelfde dag: huisbezoek, telefonisch contact, netwerkoverleg (overleg) of administratie (mail).</source>
        <translation>The time of this contact as an hours entry on the same day: home visit, phone call, network meeting (meeting) or administration (mail).</translation>
    </message>
    <message>
        <source>T&amp;ijd boeken:</source>
        <translation>&amp;Book time:</translation>
    </message>
    <message>
        <source>Betrokkene aanpassen</source>
        <translation>Edit party</translation>
    </message>
    <message>
        <source>Contact aanpassen</source>
        <translation>Edit contact</translation>
    </message>
    <message>
        <source>Wijziging opslaan</source>
        <translation>Save change</translation>
    </message>
    <message>
        <source>Betrokkene &amp;toevoegen</source>
        <translation>Add par&amp;ty</translation>
    </message>
    <message>
        <source>Datum</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Met</source>
        <translation>With</translation>
    </message>
    <message>
        <source>Hoe</source>
        <translation>How</translation>
    </message>
    <message>
        <source>Samenvatting</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>Contactmomenten</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <source>Betro&amp;kkenheid beëindigen</source>
        <translation>En&amp;d involvement</translation>
    </message>
    <message>
        <source>Datum contact</source>
        <translation>Contact date</translation>
    </message>
    <message>
        <source>Soort contact</source>
        <translation>Kind of contact</translation>
    </message>
    <message>
        <source>Samenvatting contact</source>
        <translation>Contact summary</translation>
    </message>
    <message>
        <source>Org&amp;anisatie:</source>
        <translation>Org&amp;anisation:</translation>
    </message>
    <message>
        <source>P&amp;ersoon:</source>
        <translation>Per&amp;son:</translation>
    </message>
    <message>
        <source>Betrokken vana&amp;f:</source>
        <translation>&amp;Involved from:</translation>
    </message>
    <message>
        <source>&amp;Rol:</source>
        <translation>&amp;Role:</translation>
    </message>
    <message>
        <source>Telefoon:</source>
        <translation>Phone:</translation>
    </message>
    <message>
        <source>E-mail:</source>
        <translation>E-mail:</translation>
    </message>
    <message>
        <source>Betrokkene verwijderen</source>
        <translation>Remove party</translation>
    </message>
    <message>
        <source>Contact verwijderen</source>
        <translation>Remove contact</translation>
    </message>
    <message>
        <source>Nieuwe betrokkene</source>
        <translation>New involved party</translation>
    </message>
    <message>
        <source>Contact va&amp;stleggen met geselecteerde betrokkene</source>
        <translation>Record a contact &amp;with the selected party</translation>
    </message>
    <message>
        <source>{0} geboekt als {1} op {2} (zie Uren).</source>
        <translation>{0} booked as {1} on {2} (see Hours).</translation>
    </message>
    <message>
        <source>contact met {0} op {1}</source>
        <translation>contact with {0} on {1}</translation>
    </message>
    <message>
        <source>Datum:</source>
        <translation>Date:</translation>
    </message>
    <message>
        <source>Hoe:</source>
        <translation>How:</translation>
    </message>
    <message>
        <source>Samenvatting:</source>
        <translation>Summary:</translation>
    </message>
    <message>
        <source>Nieuw contactmoment</source>
        <translation>New contact</translation>
    </message>
    <message>
        <source>&lt;b&gt;{0}&lt;/b&gt; actieve betrokkenen, {1} in totaal</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt; active parties, {1} in total</translation>
    </message>
</context>
<context>
    <name>NewFamilyDialog</name>
    <message>
        <source>Nieuw gezin</source>
        <translation>New family</translation>
    </message>
    <message>
        <source>Naam van het gezin</source>
        <translation>Name of the family</translation>
    </message>
    <message>
        <source>Gezin ...</source>
        <translation>Family ...</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Startdatum</source>
        <translation>Start date</translation>
    </message>
    <message>
        <source>&amp;Naam:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>&amp;Status:</translation>
    </message>
    <message>
        <source>S&amp;tartdatum:</source>
        <translation>S&amp;tart date:</translation>
    </message>
    <message>
        <source>Gezin maken</source>
        <translation>Create family</translation>
    </message>
</context>
<context>
    <name>NotesTab</name>
    <message>
        <source>Verslagen</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Titel van het verslag</source>
        <translation>Title of the note</translation>
    </message>
    <message>
        <source>Datum van het bezoek</source>
        <translation>Date of the visit</translation>
    </message>
    <message>
        <source>Tekst van het verslag</source>
        <translation>Text of the note</translation>
    </message>
    <message>
        <source>Concept &amp;weggooien</source>
        <translation>D&amp;iscard draft</translation>
    </message>
    <message>
        <source>Versies &amp;samenvoegen...</source>
        <translation>Me&amp;rge versions...</translation>
    </message>
    <message>
        <source>Versies van het verslag</source>
        <translation>Versions of the note</translation>
    </message>
    <message>
        <source>Tekst van de gekozen versie</source>
        <translation>Text of the chosen version</translation>
    </message>
    <message>
        <source>&amp;Titel:</source>
        <translation>&amp;Title:</translation>
    </message>
    <message>
        <source>Versies</source>
        <translation>Versions</translation>
    </message>
    <message>
        <source>concept · {0}</source>
        <translation>draft · {0}</translation>
    </message>
    <message>
        <source> (verklaring)</source>
        <translation> (statement)</translation>
    </message>
    <message>
        <source>{0}
Verklaring van de cliënt: {1}</source>
        <translation>{0}
The client's statement: {1}</translation>
    </message>
    <message>
        <source>Concept teruggezet.</source>
        <translation>Draft restored.</translation>
    </message>
    <message>
        <source>Dit verslag is op twee plaatsen tegelijk gewijzigd. Beide versies zijn bewaard; voeg ze samen.</source>
        <translation>This note was changed in two places at the same time. Both versions are kept; merge them.</translation>
    </message>
    <message>
        <source>Ni&amp;euw verslag</source>
        <translation>Ne&amp;w note</translation>
    </message>
    <message>
        <source>Verslag opsl&amp;aan</source>
        <translation>S&amp;ave note</translation>
    </message>
    <message>
        <source>Be&amp;zoekdatum:</source>
        <translation>Visit &amp;date:</translation>
    </message>
    <message>
        <source>Concept weggegooid.</source>
        <translation>Draft discarded.</translation>
    </message>
    <message>
        <source>Versies samengevoegd en opgeslagen.</source>
        <translation>Versions merged and saved.</translation>
    </message>
    <message>
        <source>Wijzigingen nog niet opgeslagen (concept bewaard).</source>
        <translation>Changes not saved yet (draft kept).</translation>
    </message>
    <message>
        <source>Opgeslagen.</source>
        <translation>Saved.</translation>
    </message>
</context>
<context>
    <name>OverviewTab</name>
    <message>
        <source>Naam</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Rol</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Geboortedatum</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>Gezinsleden</source>
        <translation>Family members</translation>
    </message>
    <message>
        <source>Afspraken die verlopen zijn of binnen {0} dagen verlopen</source>
        <translation>Agreements passed or due within {0} days</translation>
    </message>
    <message>
        <source>Uren per week</source>
        <translation>Hours per week</translation>
    </message>
    <message>
        <source>Actieve betrokkenen</source>
        <translation>Active parties</translation>
    </message>
    <message>
        <source>Leefgebied</source>
        <translation>Life domain</translation>
    </message>
    <message>
        <source>Intake</source>
        <translation>Intake</translation>
    </message>
    <message>
        <source>Laatste</source>
        <translation>Latest</translation>
    </message>
    <message>
        <source>Verschil</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>Leefgebieden tegen intake</source>
        <translation>Life domains against intake</translation>
    </message>
    <message>
        <source>Afspraak</source>
        <translation>Agreement</translation>
    </message>
    <message>
        <source>Datum</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Afspraken binnenkort</source>
        <translation>Agreements due soon</translation>
    </message>
    <message>
        <source>Gezinsgegevens &amp;wijzigen...</source>
        <translation>Edit family &amp;details...</translation>
    </message>
    <message>
        <source>Gezinslid &amp;toevoegen...</source>
        <translation>&amp;Add member...</translation>
    </message>
    <message>
        <source>Gezinslid &amp;aanpassen...</source>
        <translation>Ed&amp;it member...</translation>
    </message>
    <message>
        <source>Gezinslid ve&amp;rwijderen</source>
        <translation>&amp;Remove member</translation>
    </message>
    <message>
        <source>Leefgebieden: laatste meting tegen de eerste</source>
        <translation>Life domains: latest measurement against the first</translation>
    </message>
    <message>
        <source>{0}, te laat</source>
        <translation>{0}, late</translation>
    </message>
    <message>
        <source>niet gepland</source>
        <translation>not planned</translation>
    </message>
    <message>
        <source>{0}, verstreken</source>
        <translation>{0}, overdue</translation>
    </message>
    <message>
        <source>&lt;b&gt;{0}&lt;/b&gt; · regisseur {1} · gestart {2} · volgende evaluatie {3}</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt; · caseworker {1} · started {2} · next evaluation {3}</translation>
    </message>
</context>
<context>
    <name>PlanTab</name>
    <message>
        <source>Doel</source>
        <translation>Goal</translation>
    </message>
    <message>
        <source>Leefgebied</source>
        <translation>Life domain</translation>
    </message>
    <message>
        <source>Voor</source>
        <translation>For</translation>
    </message>
    <message>
        <source>Streefdatum</source>
        <translation>Target date</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Behaald</source>
        <translation>Reached</translation>
    </message>
    <message>
        <source>Doelen</source>
        <translation>Goals</translation>
    </message>
    <message>
        <source>Afspraak</source>
        <translation>Agreement</translation>
    </message>
    <message>
        <source>Wie</source>
        <translation>Who</translation>
    </message>
    <message>
        <source>Uiterlijk</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Gedaan</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Afspraken</source>
        <translation>Agreements</translation>
    </message>
    <message>
        <source>In de woorden van het gezin</source>
        <translation>In the family's own words</translation>
    </message>
    <message>
        <source>Doel in de woorden van het gezin</source>
        <translation>Goal in the family's own words</translation>
    </message>
    <message>
        <source>Leefgebied van het doel</source>
        <translation>Life domain of the goal</translation>
    </message>
    <message>
        <source>Doel voor gezinslid</source>
        <translation>Goal for family member</translation>
    </message>
    <message>
        <source>Status bij&amp;werken</source>
        <translation>Update &amp;status</translation>
    </message>
    <message>
        <source>Afspraak g&amp;edaan</source>
        <translation>Agreement &amp;done</translation>
    </message>
    <message>
        <source>Doel aanpassen</source>
        <translation>Edit goal</translation>
    </message>
    <message>
        <source>Afspraak aanpassen</source>
        <translation>Edit agreement</translation>
    </message>
    <message>
        <source>{0}, te laat</source>
        <translation>{0}, late</translation>
    </message>
    <message>
        <source>Wijziging opslaan</source>
        <translation>Save change</translation>
    </message>
    <message>
        <source>Status van het doel</source>
        <translation>Status of the goal</translation>
    </message>
    <message>
        <source>Hoe ver behaald</source>
        <translation>How far reached</translation>
    </message>
    <message>
        <source>Eigenaar van de afspraak</source>
        <translation>Owner of the agreement</translation>
    </message>
    <message>
        <source>Betrokkene</source>
        <translation>Involved party</translation>
    </message>
    <message>
        <source>Uiterlijk op</source>
        <translation>Due on</translation>
    </message>
    <message>
        <source>Doel &amp;toevoegen</source>
        <translation>Add &amp;goal</translation>
    </message>
    <message>
        <source>&amp;Afspraak toevoegen</source>
        <translation>Add &amp;agreement</translation>
    </message>
    <message>
        <source>Doel verwijderen</source>
        <translation>Remove goal</translation>
    </message>
    <message>
        <source>Afspraak verwijderen</source>
        <translation>Remove agreement</translation>
    </message>
    <message>
        <source>Evaluatiedatum</source>
        <translation>Evaluation date</translation>
    </message>
    <message>
        <source>Evaluatiedatum opslaan</source>
        <translation>Save evaluation date</translation>
    </message>
    <message>
        <source>Doel:</source>
        <translation>Goal:</translation>
    </message>
    <message>
        <source>Leefgebied:</source>
        <translation>Life domain:</translation>
    </message>
    <message>
        <source>Voor:</source>
        <translation>For:</translation>
    </message>
    <message>
        <source>Streefdatum:</source>
        <translation>Target date:</translation>
    </message>
    <message>
        <source>Nieuw doel</source>
        <translation>New goal</translation>
    </message>
    <message>
        <source>Afspraak:</source>
        <translation>Agreement:</translation>
    </message>
    <message>
        <source>Wie:</source>
        <translation>Who:</translation>
    </message>
    <message>
        <source>Betrokkene:</source>
        <translation>Involved party:</translation>
    </message>
    <message>
        <source>Uiterlijk:</source>
        <translation>Due:</translation>
    </message>
    <message>
        <source>Nieuwe afspraak</source>
        <translation>New agreement</translation>
    </message>
    <message>
        <source>Het hele gezin</source>
        <translation>The whole family</translation>
    </message>
    <message>
        <source>(geen)</source>
        <translation>(none)</translation>
    </message>
</context>
<context>
    <name>RegisterFamilyDialog</name>
    <message>
        <source>Nieuw gezin aanmelden</source>
        <translation>Register a new family</translation>
    </message>
    <message>
        <source>Naam van het gezin</source>
        <translation>Name of the family</translation>
    </message>
    <message>
        <source>Gezin ...</source>
        <translation>Family ...</translation>
    </message>
    <message>
        <source>Regisseur</source>
        <translation>Caseworker</translation>
    </message>
    <message>
        <source>Startdatum</source>
        <translation>Start date</translation>
    </message>
    <message>
        <source>&amp;Naam:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Regisseur:</source>
        <translation>&amp;Caseworker:</translation>
    </message>
    <message>
        <source>&amp;Startdatum:</source>
        <translation>&amp;Start date:</translation>
    </message>
    <message>
        <source>Aanmelden</source>
        <translation>Register</translation>
    </message>
</context>
<context>
    <name>RejectedDialog</name>
    <message>
        <source>gezin</source>
        <translation>family</translation>
    </message>
    <message>
        <source>gezinslid</source>
        <translation>family member</translation>
    </message>
    <message>
        <source>urenregel</source>
        <translation>hours entry</translation>
    </message>
    <message>
        <source>bezoektimer</source>
        <translation>visit timer</translation>
    </message>
    <message>
        <source>meting</source>
        <translation>assessment</translation>
    </message>
    <message>
        <source>score van een meting</source>
        <translation>assessment score</translation>
    </message>
    <message>
        <source>betrokkene</source>
        <translation>involved party</translation>
    </message>
    <message>
        <source>contactmoment</source>
        <translation>contact</translation>
    </message>
    <message>
        <source>doel</source>
        <translation>goal</translation>
    </message>
    <message>
        <source>afspraak</source>
        <translation>agreement</translation>
    </message>
    <message>
        <source>verslag</source>
        <translation>note</translation>
    </message>
    <message>
        <source>tekst van een verslag</source>
        <translation>text of a note</translation>
    </message>
    <message>
        <source>correctieverzoek</source>
        <translation>correction request</translation>
    </message>
    <message>
        <source>nieuw</source>
        <translation>new</translation>
    </message>
    <message>
        <source>gewijzigd</source>
        <translation>changed</translation>
    </message>
    <message>
        <source>verwijderd</source>
        <translation>deleted</translation>
    </message>
    <message>
        <source>Dit gezin staat niet (meer) op uw naam, bijvoorbeeld na een overdracht of een afgelopen waarneming.</source>
        <translation>This family is not (or no longer) assigned to you, for example after a handover or when a stand-in period ended.</translation>
    </message>
    <message>
        <source>De server kent dit soort gegevens niet; misschien is de server ouder dan deze app.</source>
        <translation>The server does not know this kind of data; the server may be older than this app.</translation>
    </message>
    <message>
        <source>De server kent dit gezin niet (meer).</source>
        <translation>The server does not (or no longer) know this family.</translation>
    </message>
    <message>
        <source>Dit gezin is gemaakt op naam van een andere regisseur.</source>
        <translation>This family was created in the name of another caseworker.</translation>
    </message>
    <message>
        <source>Alleen een teamleider kan een gezin aan een andere regisseur overdragen.</source>
        <translation>Only a team leader can hand a family over to another caseworker.</translation>
    </message>
    <message>
        <source>Dit gezin is op verzoek of na de bewaartermijn vernietigd; wijzigingen worden niet meer bewaard.</source>
        <translation>This family was destroyed on request or after the retention period; changes are no longer kept.</translation>
    </message>
    <message>
        <source>Deze wijziging heeft een tijdstempel dat de server niet kan lezen.</source>
        <translation>This change carries a time stamp the server cannot read.</translation>
    </message>
    <message>
        <source>De server kent deze soort wijziging niet.</source>
        <translation>The server does not know this kind of change.</translation>
    </message>
    <message>
        <source>Deze wijziging verwijst naar een ongeldig of ander record.</source>
        <translation>This change refers to an invalid or a different record.</translation>
    </message>
    <message>
        <source>Deze wijziging hoort bij een ander gezin dan het record.</source>
        <translation>This change belongs to another family than its record.</translation>
    </message>
    <message>
        <source>Deze wijziging bevat een veld dat de server niet kent; misschien is de server ouder dan deze app.</source>
        <translation>This change holds a field the server does not know; the server may be older than this app.</translation>
    </message>
    <message>
        <source>Er ontbreekt een verplicht veld in deze wijziging.</source>
        <translation>A required field is missing from this change.</translation>
    </message>
    <message>
        <source>Een waarde in deze wijziging is ongeldig (verkeerd soort, een datum die niet bestaat of buiten het bereik).</source>
        <translation>A value in this change is invalid (the wrong kind, a date that does not exist, or out of range).</translation>
    </message>
    <message>
        <source>Deze wijziging bevat tekens die niet bewaard kunnen worden.</source>
        <translation>This change holds characters that cannot be stored.</translation>
    </message>
    <message>
        <source>naam</source>
        <translation>name</translation>
    </message>
    <message>
        <source>status</source>
        <translation>status</translation>
    </message>
    <message>
        <source>startdatum</source>
        <translation>start date</translation>
    </message>
    <message>
        <source>einddatum</source>
        <translation>end date</translation>
    </message>
    <message>
        <source>reden van afsluiten</source>
        <translation>reason for closing</translation>
    </message>
    <message>
        <source>regisseur</source>
        <translation>caseworker</translation>
    </message>
    <message>
        <source>rol</source>
        <translation>role</translation>
    </message>
    <message>
        <source>geboortedatum</source>
        <translation>date of birth</translation>
    </message>
    <message>
        <source>datum</source>
        <translation>date</translation>
    </message>
    <message>
        <source>minuten</source>
        <translation>minutes</translation>
    </message>
    <message>
        <source>activiteit</source>
        <translation>activity</translation>
    </message>
    <message>
        <source>leefgebied</source>
        <translation>life domain</translation>
    </message>
    <message>
        <source>score</source>
        <translation>score</translation>
    </message>
    <message>
        <source>toelichting</source>
        <translation>note</translation>
    </message>
    <message>
        <source>organisatie</source>
        <translation>organisation</translation>
    </message>
    <message>
        <source>persoon</source>
        <translation>person</translation>
    </message>
    <message>
        <source>telefoon</source>
        <translation>phone</translation>
    </message>
    <message>
        <source>e-mail</source>
        <translation>email</translation>
    </message>
    <message>
        <source>manier van contact</source>
        <translation>contact method</translation>
    </message>
    <message>
        <source>samenvatting</source>
        <translation>summary</translation>
    </message>
    <message>
        <source>tekst</source>
        <translation>text</translation>
    </message>
    <message>
        <source>streefdatum</source>
        <translation>target date</translation>
    </message>
    <message>
        <source>uiterlijk op</source>
        <translation>due by</translation>
    </message>
    <message>
        <source>wie</source>
        <translation>who</translation>
    </message>
    <message>
        <source>gedaan</source>
        <translation>done</translation>
    </message>
    <message>
        <source>titel</source>
        <translation>title</translation>
    </message>
    <message>
        <source>datum bezoek</source>
        <translation>visit date</translation>
    </message>
    <message>
        <source>tekst van het verslag</source>
        <translation>text of the note</translation>
    </message>
    <message>
        <source>auteur</source>
        <translation>author</translation>
    </message>
    <message>
        <source>Deze wijziging kwam van de server, maar deze laptop kan haar niet verwerken (code: {0}). De rest is wel gesynchroniseerd. Meld het aan de ICT-afdeling.</source>
        <translation>This change came from the server, but this laptop cannot process it (code: {0}). Everything else was synchronised. Report it to the IT department.</translation>
    </message>
    <message>
        <source>De server weigerde deze wijziging (code: {0}).</source>
        <translation>The server refused this change (code: {0}).</translation>
    </message>
    <message>
        <source>(leeg)</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <source>Apart gezet werk</source>
        <translation>Set-aside work</translation>
    </message>
    <message>
        <source>De server weigerde deze wijzigingen, bijvoorbeeld omdat het gezin is overgedragen. Ze staan versleuteld op deze laptop. Neem over wat nog nodig is (of geef het door aan de nieuwe regisseur) en verwijder ze daarna.</source>
        <translation>The server refused these changes, for example because the family was handed over. They are kept encrypted on this laptop. Copy what is still needed (or pass it on to the new caseworker) and then remove them.</translation>
    </message>
    <message>
        <source>&amp;Geweigerde wijzigingen:</source>
        <translation>Refused c&amp;hanges:</translation>
    </message>
    <message>
        <source>Gewijzigde velden</source>
        <translation>Changed fields</translation>
    </message>
    <message>
        <source>Ge&amp;wijzigde velden:</source>
        <translation>Changed &amp;fields:</translation>
    </message>
    <message>
        <source>&amp;Verwijderen</source>
        <translation>&amp;Remove</translation>
    </message>
    <message>
        <source>Geselecteerd werk verwijderen</source>
        <translation>Remove the selected work</translation>
    </message>
    <message>
        <source>&amp;Sluiten</source>
        <translation>&amp;Close</translation>
    </message>
    <message>
        <source>Geweigerd op</source>
        <translation>Refused on</translation>
    </message>
    <message>
        <source>Soort</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Gezin</source>
        <translation>Family</translation>
    </message>
    <message>
        <source>Wat</source>
        <translation>What</translation>
    </message>
    <message>
        <source>Reden</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Veld</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>Waarde</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>(geen)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>{0} (niet meer op deze laptop)</source>
        <translation>{0} (no longer on this laptop)</translation>
    </message>
    <message>
        <source>gezin niet meer op deze laptop</source>
        <translation>family no longer on this laptop</translation>
    </message>
    <message>
        <source>Er is geen apart gezet werk.</source>
        <translation>There is no set-aside work.</translation>
    </message>
    <message>
        <source>(geen velden: het record werd verwijderd)</source>
        <translation>(no fields: the record was deleted)</translation>
    </message>
    <message>
        <source>Apart gezet werk verwijderen</source>
        <translation>Remove set-aside work</translation>
    </message>
    <message>
        <source>{0} apart gezet(te) wijziging(en) definitief van deze laptop verwijderen? Neem eerst over wat u nog nodig hebt; dit kan niet ongedaan worden gemaakt.</source>
        <translation>Permanently remove {0} set-aside change(s) from this laptop? First copy what you still need; this cannot be undone.</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>Rapport afdrukken</source>
        <translation>Print a report</translation>
    </message>
    <message>
        <source>Soort rapport</source>
        <translation>Kind of report</translation>
    </message>
    <message>
        <source>Gezinsplan (om te ondertekenen)</source>
        <translation>Family plan (to sign)</translation>
    </message>
    <message>
        <source>Voortgangsrapportage</source>
        <translation>Progress report</translation>
    </message>
    <message>
        <source>Urenverantwoording</source>
        <translation>Hours statement</translation>
    </message>
    <message>
        <source>Begin van de periode</source>
        <translation>Start of the period</translation>
    </message>
    <message>
        <source>Einde van de periode</source>
        <translation>End of the period</translation>
    </message>
    <message>
        <source>Toelichting voor de rapportage</source>
        <translation>Account for the report</translation>
    </message>
    <message>
        <source>Wat wilt u de gemeente en het gezin vertellen over deze periode?</source>
        <translation>What do you want to tell the municipality and the family about this period?</translation>
    </message>
    <message>
        <source>Verslagen om op te nemen</source>
        <translation>Notes to include</translation>
    </message>
    <message>
        <source>&amp;Rapport:</source>
        <translation>&amp;Report:</translation>
    </message>
    <message>
        <source>&amp;Van:</source>
        <translation>&amp;From:</translation>
    </message>
    <message>
        <source>&amp;Tot en met:</source>
        <translation>&amp;To:</translation>
    </message>
    <message>
        <source>Toe&amp;lichting:</source>
        <translation>&amp;Account:</translation>
    </message>
    <message>
        <source>Ver&amp;slagen opnemen:</source>
        <translation>&amp;Notes to include:</translation>
    </message>
    <message>
        <source>Het rapport wordt gemaakt</source>
        <translation>The report is being made</translation>
    </message>
    <message>
        <source>Het rapport wordt gemaakt...</source>
        <translation>The report is being made...</translation>
    </message>
    <message>
        <source>&amp;Opslaan als PDF...</source>
        <translation>&amp;Save as PDF...</translation>
    </message>
    <message>
        <source>Annuleren</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Gezinsplan</source>
        <translation>Family plan</translation>
    </message>
    <message>
        <source>Rapport opslaan</source>
        <translation>Save the report</translation>
    </message>
    <message>
        <source>PDF-bestanden (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>Rapport opgeslagen</source>
        <translation>Report saved</translation>
    </message>
    <message>
        <source>Het rapport is opgeslagen als {0}. Dit bestand is niet versleuteld: bewaar het veilig. Wilt u het nu openen?</source>
        <translation>The report was saved as {0}. This file is not encrypted: keep it safe. Do you want to open it now?</translation>
    </message>
</context>
<context>
    <name>SavingDialog</name>
    <message>
        <source>Wat u typte voor de vergrendeling staat er weer; het is nog niet opgeslagen.</source>
        <translation>What you typed before the lock is back; it has not been saved yet.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Instellingen</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>Taal</source>
        <translation>Language</translation>
    </message>
    <message>
        <source> minuten</source>
        <translation> minutes</translation>
    </message>
    <message>
        <source>Vergrendelen na minuten zonder gebruik</source>
        <translation>Lock after minutes without use</translation>
    </message>
    <message>
        <source>Instrument</source>
        <translation>Instrument</translation>
    </message>
    <message>
        <source>Gegevensmap</source>
        <translation>Data folder</translation>
    </message>
    <message>
        <source>ingesteld door uw organisatie</source>
        <translation>set by your organisation</translation>
    </message>
    <message>
        <source>Organisatie:</source>
        <translation>Organisation:</translation>
    </message>
    <message>
        <source>&amp;Taal:</source>
        <translation>&amp;Language:</translation>
    </message>
    <message>
        <source>&amp;Vergrendelen na:</source>
        <translation>Lock a&amp;fter:</translation>
    </message>
    <message>
        <source>&amp;Instrument:</source>
        <translation>&amp;Instrument:</translation>
    </message>
    <message>
        <source>Gegevensmap (versleuteld):</source>
        <translation>Data folder (encrypted):</translation>
    </message>
</context>
<context>
    <name>SettingsMixin</name>
    <message>
        <source>Over regiedesk</source>
        <translation>About regiedesk</translation>
    </message>
</context>
<context>
    <name>StandInDialog</name>
    <message>
        <source>Waarneming regelen</source>
        <translation>Arrange a stand-in</translation>
    </message>
    <message>
        <source>Waarnemer</source>
        <translation>Stand-in caseworker</translation>
    </message>
    <message>
        <source>Eerste dag</source>
        <translation>First day</translation>
    </message>
    <message>
        <source>Laatste dag</source>
        <translation>Last day</translation>
    </message>
    <message>
        <source>Gezin:</source>
        <translation>Family:</translation>
    </message>
    <message>
        <source>Regisseur:</source>
        <translation>Caseworker:</translation>
    </message>
    <message>
        <source>&amp;Waarnemer:</source>
        <translation>&amp;Stand-in by:</translation>
    </message>
    <message>
        <source>&amp;Eerste dag:</source>
        <translation>&amp;First day:</translation>
    </message>
    <message>
        <source>&amp;Laatste dag:</source>
        <translation>&amp;Last day:</translation>
    </message>
    <message>
        <source>Waarneming vastleggen</source>
        <translation>Record the stand-in</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <source>&lt;h2&gt;Welkom bij regiedesk&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;Welcome to regiedesk&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Maak een profiel om te beginnen. Alles wat u vastlegt, wordt versleuteld op deze laptop bewaard; alleen uw wachtwoord opent het. Bent u het wachtwoord kwijt, dan kan niemand de gegevens nog openen.</source>
        <translation>Create a profile to begin. Everything you record is stored encrypted on this laptop; only your passphrase opens it. If you lose the passphrase, nobody can open the data any more.</translation>
    </message>
    <message>
        <source>&amp;Wachtwoord:</source>
        <translation>&amp;Passphrase:</translation>
    </message>
    <message>
        <source>He&amp;rhaal wachtwoord:</source>
        <translation>&amp;Repeat passphrase:</translation>
    </message>
    <message>
        <source>Nieuw wachtwoord</source>
        <translation>New passphrase</translation>
    </message>
    <message>
        <source>Herhaal wachtwoord</source>
        <translation>Repeat passphrase</translation>
    </message>
    <message>
        <source>&amp;Profiel maken</source>
        <translation>&amp;Create profile</translation>
    </message>
    <message>
        <source>&amp;Oefenomgeving openen</source>
        <translation>Open the practice &amp;environment</translation>
    </message>
    <message>
        <source>Een aparte omgeving met verzonnen gezinnen, om te oefenen.</source>
        <translation>A separate environment with fictional families, for practice.</translation>
    </message>
</context>
<context>
    <name>SyncMixin</name>
    <message>
        <source>Oefenomgeving: synchroniseert nooit</source>
        <translation>Practice: never syncs</translation>
    </message>
    <message>
        <source>Wat u in de oefenomgeving vastlegt, blijft op deze laptop.</source>
        <translation>What you record in the practice environment stays on this laptop.</translation>
    </message>
    <message>
        <source>Niet gekoppeld met een server</source>
        <translation>Not connected to a server</translation>
    </message>
    <message>
        <source>Synchroniseren...</source>
        <translation>Syncing...</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>Synchronisatie mislukt</source>
        <translation>Sync failed</translation>
    </message>
    <message>
        <source>Gesynchroniseerd</source>
        <translation>Synced</translation>
    </message>
    <message>
        <source>1 wijziging wacht</source>
        <translation>1 change waiting</translation>
    </message>
    <message>
        <source>{0} wijzigingen wachten</source>
        <translation>{0} changes waiting</translation>
    </message>
    <message>
        <source>1 verslag met twee versies</source>
        <translation>1 note with two versions</translation>
    </message>
    <message>
        <source>{0} verslagen met twee versies</source>
        <translation>{0} notes with two versions</translation>
    </message>
    <message>
        <source>{0} geweigerd, bewaard</source>
        <translation>{0} refused, kept</translation>
    </message>
    <message>
        <source>De server weigerde {0} wijziging(en), bijvoorbeeld na een overdracht. Ze zijn versleuteld bewaard en staan in een export (regiedesk export); geef ze door aan de nieuwe regisseur. Klik om ze te bekijken.</source>
        <translation>The server refused {0} change(s), for example after a handover. They are kept encrypted and included in an export (regiedesk export); pass them on to the new caseworker. Click to see them.</translation>
    </message>
    <message>
        <source>Deze laptop is nog niet gekoppeld met de server van uw organisatie: er wordt niets gesynchroniseerd, wat u vastlegt blijft op deze laptop. Kies Bestand &gt; Koppelen met de server.</source>
        <translation>This laptop is not connected to your organisation's server yet: nothing syncs, what you record stays on this laptop. Choose File &gt; Connect to the server.</translation>
    </message>
    <message>
        <source>De oefenomgeving synchroniseert nooit; de gegevens zijn vernieuwd.</source>
        <translation>The practice environment never syncs; the data was refreshed.</translation>
    </message>
    <message>
        <source>Niets gesynchroniseerd: deze laptop is nog niet gekoppeld met de server. Kies Bestand &gt; Koppelen met de server.</source>
        <translation>Nothing synced: this laptop is not connected to the server yet. Choose File &gt; Connect to the server.</translation>
    </message>
    <message>
        <source>Gezin overgedragen</source>
        <translation>Family handed over</translation>
    </message>
    <message>
        <source>Dit gezin staat niet meer op uw naam en is van deze laptop gehaald. Uw wijzigingen waren al naar de server gestuurd.</source>
        <translation>This family is no longer assigned to you and was removed from this laptop. Your changes had already been sent to the server.</translation>
    </message>
    <message>
        <source>Apparaat ingetrokken</source>
        <translation>Device revoked</translation>
    </message>
    <message>
        <source>De beheerder heeft deze laptop ingetrokken. De gegevens op deze laptop zijn gewist; wat al gesynchroniseerd was staat op de server. Neem contact op met de ICT-afdeling.</source>
        <translation>The administrator revoked this laptop. The data on this laptop has been wiped; what was already synced is on the server. Contact your IT department.</translation>
    </message>
    <message>
        <source>Gekoppeld met de server.</source>
        <translation>Connected to the server.</translation>
    </message>
</context>
<context>
    <name>TeamReport</name>
    <message>
        <source>Teamrapportage opslaan</source>
        <translation>Save the team report</translation>
    </message>
    <message>
        <source>PDF-bestanden (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source>Teamrapportage</source>
        <translation>Team report</translation>
    </message>
    <message>
        <source>Teamrapportage opgeslagen</source>
        <translation>Team report saved</translation>
    </message>
    <message>
        <source>De teamrapportage is opgeslagen als {0}. Dit bestand is niet versleuteld: bewaar het veilig. Wilt u het nu openen?</source>
        <translation>The team report has been saved as {0}. This file is not encrypted: keep it safe. Do you want to open it now?</translation>
    </message>
</context>
<context>
    <name>TeamWorkspace</name>
    <message>
        <source>&amp;Van</source>
        <translation>Fr&amp;om</translation>
    </message>
    <message>
        <source>&amp;Tot en met</source>
        <translation>&amp;To</translation>
    </message>
    <message>
        <source>&amp;Regisseur</source>
        <translation>&amp;Caseworker</translation>
    </message>
    <message>
        <source>Ver&amp;nieuwen (F5)</source>
        <translation>&amp;Refresh (F5)</translation>
    </message>
    <message>
        <source>Gezin &amp;aanmelden…</source>
        <translation>Re&amp;gister family…</translation>
    </message>
    <message>
        <source>&amp;Overdragen…</source>
        <translation>Han&amp;d over…</translation>
    </message>
    <message>
        <source>&amp;Waarneming…</source>
        <translation>&amp;Stand-in…</translation>
    </message>
    <message>
        <source>Waarneming &amp;stoppen…</source>
        <translation>&amp;End stand-in…</translation>
    </message>
    <message>
        <source>Teamra&amp;pportage…</source>
        <translation>Team re&amp;port…</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>Gezinnen</source>
        <translation>Families</translation>
    </message>
    <message>
        <source>Gezin</source>
        <translation>Family</translation>
    </message>
    <message>
        <source>Nog geen cijfers: vernieuw met F5 als u online bent.</source>
        <translation>No figures yet: refresh with F5 when you are online.</translation>
    </message>
    <message>
        <source>Cijfers van {when}, over {start} tot en met {end}</source>
        <translation>Figures of {when}, over {start} to {end}</translation>
    </message>
    <message>
        <source>Alle regisseurs</source>
        <translation>All caseworkers</translation>
    </message>
    <message>
        <source>Regisseur</source>
        <translation>Caseworker</translation>
    </message>
    <message>
        <source>Actief</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>Aangemeld</source>
        <translation>Registered</translation>
    </message>
    <message>
        <source>Afgesloten in periode</source>
        <translation>Closed in period</translation>
    </message>
    <message>
        <source>Uren deze week</source>
        <translation>Hours this week</translation>
    </message>
    <message>
        <source>Gemiddeld (4 weken)</source>
        <translation>Mean (4 weeks)</translation>
    </message>
    <message>
        <source>Zonder contact &gt; 14 dagen</source>
        <translation>No contact &gt; 14 days</translation>
    </message>
    <message>
        <source>Afspraken te laat</source>
        <translation>Agreements overdue</translation>
    </message>
    <message>
        <source>Evaluaties te laat</source>
        <translation>Evaluations overdue</translation>
    </message>
    <message>
        <source>Uitval in periode</source>
        <translation>Dropouts in period</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Dagen sinds contact</source>
        <translation>Days since contact</translation>
    </message>
    <message>
        <source>Partijen nu / bij start</source>
        <translation>Parties now / at start</translation>
    </message>
    <message>
        <source>Doelen behaald / open / niet</source>
        <translation>Goals reached / open / not</translation>
    </message>
    <message>
        <source>Waarneming</source>
        <translation>Stand-in</translation>
    </message>
    <message>
        <source>Tarief</source>
        <translation>Tariff</translation>
    </message>
    <message>
        <source>Cijfers worden vernieuwd…</source>
        <translation>Refreshing the figures…</translation>
    </message>
    <message>
        <source>vernieuwen lukte niet, u ziet de laatste cijfers</source>
        <translation>refreshing failed, these are the last figures</translation>
    </message>
</context>
<context>
    <name>TrailDialog</name>
    <message>
        <source>aangemaakt</source>
        <translation>created</translation>
    </message>
    <message>
        <source>ingezien</source>
        <translation>viewed</translation>
    </message>
    <message>
        <source>gewijzigd</source>
        <translation>changed</translation>
    </message>
    <message>
        <source>verwijderd</source>
        <translation>deleted</translation>
    </message>
    <message>
        <source>afgedrukt</source>
        <translation>printed</translation>
    </message>
    <message>
        <source>geëxporteerd</source>
        <translation>exported</translation>
    </message>
    <message>
        <source>gezocht</source>
        <translation>searched</translation>
    </message>
    <message>
        <source>gesynchroniseerd</source>
        <translation>synced</translation>
    </message>
    <message>
        <source>Wie zag of wijzigde {0}</source>
        <translation>Who saw or changed {0}</translation>
    </message>
    <message>
        <source>Vanaf</source>
        <translation>From</translation>
    </message>
    <message>
        <source>Tot en met</source>
        <translation>Up to and including</translation>
    </message>
    <message>
        <source>&amp;Tonen</source>
        <translation>&amp;Show</translation>
    </message>
    <message>
        <source>Per gebruiker</source>
        <translation>Per user</translation>
    </message>
    <message>
        <source>Gebruiker</source>
        <translation>User</translation>
    </message>
    <message>
        <source>Ingezien</source>
        <translation>Viewed</translation>
    </message>
    <message>
        <source>Gewijzigd</source>
        <translation>Changed</translation>
    </message>
    <message>
        <source>Laatst</source>
        <translation>Last</translation>
    </message>
    <message>
        <source>Gebeurtenissen</source>
        <translation>Events</translation>
    </message>
    <message>
        <source>Moment (UTC)</source>
        <translation>Time (UTC)</translation>
    </message>
    <message>
        <source>Handeling</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Namens</source>
        <translation>On behalf of</translation>
    </message>
    <message>
        <source>Apparaat</source>
        <translation>Device</translation>
    </message>
    <message>
        <source>Wat</source>
        <translation>What</translation>
    </message>
    <message>
        <source>Periode:</source>
        <translation>Period:</translation>
    </message>
    <message>
        <source>Sluiten</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Bezig met ophalen...</source>
        <translation>Fetching...</translation>
    </message>
    <message>
        <source>Uit het centrale logboek van de organisatie en van deze laptop.</source>
        <translation>From the organisation's central trail and from this laptop.</translation>
    </message>
    <message>
        <source>Alleen van deze laptop: de server was niet bereikbaar of kent dit gezin (nog) niet. Synchroniseer en probeer het opnieuw voor het hele overzicht.</source>
        <translation>From this laptop only: the server could not be reached or does not know this family (yet). Sync and try again for the whole overview.</translation>
    </message>
    <message>
        <source>deze laptop (nog niet verstuurd)</source>
        <translation>this laptop (not yet sent)</translation>
    </message>
</context>
<context>
    <name>UnlockPage</name>
    <message>
        <source>&lt;h2&gt;regiedesk is vergrendeld&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;regiedesk is locked&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>&amp;Wachtwoord:</source>
        <translation>&amp;Passphrase:</translation>
    </message>
    <message>
        <source>Wachtwoord</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <source>&amp;Ontgrendelen</source>
        <translation>&amp;Unlock</translation>
    </message>
    <message>
        <source>Oefenomgeving</source>
        <translation>Practice environment</translation>
    </message>
    <message>
        <source>Wacht nog 1 seconde voor de volgende poging.</source>
        <translation>Wait 1 more second before the next try.</translation>
    </message>
    <message>
        <source>Wacht nog {0} seconden voor de volgende poging.</source>
        <translation>Wait {0} more seconds before the next try.</translation>
    </message>
    <message>
        <source>U kunt het opnieuw proberen.</source>
        <translation>You can try again.</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <source>Er ging iets mis ({0}). Wat u typte is bewaard. Probeer het opnieuw; blijft het misgaan, neem dan contact op met de ICT-afdeling.</source>
        <translation>Something went wrong ({0}). What you typed was kept. Try again; if it keeps going wrong, contact your IT department.</translation>
    </message>
    <message>
        <source>Niet gelukt</source>
        <translation>Did not work</translation>
    </message>
    <message>
        <source>Foutmelding</source>
        <translation>Error message</translation>
    </message>
</context>
<context>
    <name>strength</name>
    <message>
        <source>Te kort: minstens {0} tekens.</source>
        <translation>Too short: at least {0} characters.</translation>
    </message>
    <message>
        <source>Te makkelijk te raden: {0}</source>
        <translation>Too easy to guess: {0}</translation>
    </message>
    <message>
        <source>Sterk.</source>
        <translation>Strong.</translation>
    </message>
    <message>
        <source>Redelijk. Langer is sterker: een zin van een paar woorden werkt goed.</source>
        <translation>Fair. Longer is stronger: a sentence of a few words works well.</translation>
    </message>
</context>
</TS>