"""English for every Dutch interface string (the source language is Dutch).

tools/update_translations.py writes these into the .ts file and compiles the
.qm; tests/ui/test_translations.py fails when a string has no English.
"""

EN: dict[str, str] = {
    "Wacht nog 1 seconde voor de volgende poging.": "Wait 1 more second before the next try.",
    "Wacht nog {0} seconden voor de volgende poging.": (
        "Wait {0} more seconds before the next try."
    ),
    "U kunt het opnieuw proberen.": "You can try again.",
    "Niet gekoppeld met een server": "Not connected to a server",
    "Oefenomgeving: synchroniseert nooit": "Practice: never syncs",
    "Wat u in de oefenomgeving vastlegt, blijft op deze laptop.": (
        "What you record in the practice environment stays on this laptop."
    ),
    "Deze laptop is nog niet gekoppeld met de server van uw organisatie: er wordt niets "
    "gesynchroniseerd, wat u vastlegt blijft op deze laptop. Kies Bestand > Koppelen met de "
    "server.": (
        "This laptop is not connected to your organisation's server yet: nothing syncs, what "
        "you record stays on this laptop. Choose File > Connect to the server."
    ),
    "De oefenomgeving synchroniseert nooit; de gegevens zijn vernieuwd.": (
        "The practice environment never syncs; the data was refreshed."
    ),
    "Niets gesynchroniseerd: deze laptop is nog niet gekoppeld met de server. Kies Bestand > "
    "Koppelen met de server.": (
        "Nothing synced: this laptop is not connected to the server yet. Choose File > "
        "Connect to the server."
    ),
    "Te makkelijk te raden: {0}": "Too easy to guess: {0}",
    "Oefenomgeving: fictieve gezinnen": "Practice: fictional families",
    "regiedesk - Oefenomgeving (fictieve gezinnen)": "regiedesk - Practice (fictional families)",
    "Wat u hier vastlegt, gaat nooit naar de server. Uw eigen gezinnen staan in uw eigen "
    "profiel: vergrendel (Ctrl+L) en ontgrendel met uw wachtwoord.": (
        "Nothing you record here ever goes to the server. Your own families are in your own "
        "profile: lock (Ctrl+L) and unlock with your passphrase."
    ),
    " minuten": " minutes",
    "&Activiteit:": "Activit&y:",
    "1:30 of 1,5 uur, of 90 minuten": "1:30 or 1.5 hours, or 90 minutes",
    "&Afsluiten": "&Quit",
    "&Afspraak toevoegen": "Add &agreement",
    "&Bestand": "&File",
    "'{0}' is geen datum; typ dd-mm-jjjj.": "'{0}' is not a date; type dd-mm-yyyy.",
    "Afspraken die verlopen zijn of binnen {0} dagen verlopen": (
        "Agreements passed or due within {0} days"
    ),
    "Afspraken te doen (t/m vandaag)": "Agreements due (up to today)",
    "Ander instrument": "Another instrument",
    "Concept &weggooien": "D&iscard draft",
    "Concept weggegooid.": "Draft discarded.",
    "concept · {0}": "draft · {0}",
    "Contact va&stleggen met geselecteerde betrokkene": "Record a contact &with the selected party",
    "&Gezin": "Fa&mily",
    "&Handleiding": "User &guide",
    "&Help": "&Help",
    "&Instellingen...": "&Settings...",
    "&Instrument:": "&Instrument:",
    "&Leefgebieden": "&Life domains",
    "&Moment:": "Momen&t:",
    "&Naam:": "&Name:",
    "&Netwerk": "&Network",
    "&Nieuw gezin": "&New family",
    "&Nieuw gezin...": "&New family...",
    "&Oefenomgeving openen": "Open the practice &environment",
    "&Ontgrendelen": "&Unlock",
    "&Over regiedesk": "&About regiedesk",
    "&Overzicht": "&Overview",
    "&Plan": "&Plan",
    "&Profiel maken": "&Create profile",
    "&Rol:": "&Role:",
    "&Start bezoek": "S&tart visit",
    "&Status:": "&Status:",
    "&Taal:": "&Language:",
    "&Titel:": "&Title:",
    "&Uren": "Ho&urs",
    "Afspraak g&edaan": "Agreement &done",
    "Be&zoekdatum:": "Visit &date:",
    "Betro&kkenheid beëindigen": "En&d involvement",
    "Betrokken vana&f:": "&Involved from:",
    "Da&tum:": "&Date:",
    "Datu&m:": "&Date:",
    "Deze week: {0} ({1}) · {2}: {3}": "This week: {0} ({1}) · {2}: {3}",
    "Doel &toevoegen": "Add &goal",
    "Duu&r:": "Du&ration:",
    "H&ervat": "Re&sume",
    "He&rhaal wachtwoord:": "&Repeat passphrase:",
    "Lee&fgebied:": "L&ife domain:",
    "Meting opsl&aan": "S&ave measurement",
    "Ni&euw verslag": "Ne&w note",
    "nog niets": "nothing yet",
    "Op&slaan": "Sa&ve",
    "Org&anisatie:": "Org&anisation:",
    "P&ersoon:": "Per&son:",
    "Pauz&e": "Pau&se",
    "Regel be&werken": "Chan&ge entry",
    "Scores houden": "Keep the scores",
    "Status bij&werken": "Update &status",
    "Toch wisselen": "Switch anyway",
    "Uren &toevoegen": "&Add hours",
    "&Vergrendelen": "&Lock",
    "&Vergrendelen na:": "Lock a&fter:",
    "&Verslagen": "Not&es",
    "&Volgend tabblad": "&Next tab",
    "&Wachtwoord:": "&Passphrase:",
    "&Zoeken": "&Search",
    "&Zoeken:": "&Search:",
    "(geen)": "(none)",
    "(niet gescoord)": "(not scored)",
    "< Vorige week": "< Previous week",
    "<b>{0}</b> actieve betrokkenen, {1} in totaal": "<b>{0}</b> active parties, {1} in total",
    "<b>{0}</b> · regisseur {1} · gestart {2} · volgende evaluatie {3}": (
        "<b>{0}</b> · caseworker {1} · started {2} · next evaluation {3}"
    ),
    "<h2>Mijn gezinnen</h2>": "<h2>My families</h2>",
    "<h2>Welkom bij regiedesk</h2>": "<h2>Welcome to regiedesk</h2>",
    "<h2>regiedesk is vergrendeld</h2>": "<h2>regiedesk is locked</h2>",
    (
        "<h3>regiedesk {0}</h3><p>Eén gezin, één plan, één regisseur.</p><p>Uw gegevens staan "
        "versleuteld (SQLCipher 4, AES-256) in:<br><tt>{1}</tt></p><p>De gebruikershandleiding "
        "opent met F1 (menu Help, Handleiding).</p>"
    ): (
        "<h3>regiedesk {0}</h3><p>One family, one plan, one caseworker.</p><p>Your data is "
        "stored encrypted (SQLCipher 4, AES-256) in:<br><tt>{1}</tt></p><p>The user guide "
        "opens with F1 (menu Help, User guide).</p>"
    ),
    "Actieve betrokkenen": "Active parties",
    "Activiteit": "Activity",
    "Afspraak": "Agreement",
    "Afspraak:": "Agreement:",
    "Afspraken": "Agreements",
    "Afspraken binnenkort": "Agreements due soon",
    "Alle statussen": "All statuses",
    "Annuleren": "Cancel",
    "Beel&d": "&View",
    "Behaald": "Reached",
    "Betrokken vanaf": "Involved from",
    "Betrokkene": "Involved party",
    "Betrokkene &toevoegen": "Add par&ty",
    "Betrokkene:": "Involved party:",
    "Betrokkenen": "Involved parties",
    "Bezig...": "Working...",
    "Bezoek gepauzeerd": "Visit paused",
    "Bezoek loopt": "Visit running",
    "Bezoek {0}: {1}": "Visit {0}: {1}",
    "Bezoektimer": "Visit timer",
    "Concept teruggezet.": "Draft restored.",
    "Contactmomenten": "Contacts",
    "Datum": "Date",
    "Datum contact": "Contact date",
    "Datum van de meting": "Date of the measurement",
    "Datum van het bezoek": "Date of the visit",
    "Datum:": "Date:",
    (
        "Dit verslag is op twee plaatsen tegelijk gewijzigd. Beide versies zijn bewaard; voeg ze "
        "samen en sla op."
    ): (
        "This note was changed in two places at once. Both versions were kept; merge them and save."
    ),
    "Doel": "Goal",
    "Doel in de woorden van het gezin": "Goal in the family's own words",
    "Doel voor gezinslid": "Goal for family member",
    "Doel:": "Goal:",
    "Doelen": "Goals",
    "Duur": "Duration",
    "E-mail": "E-mail",
    "E-mail:": "E-mail:",
    "Een aparte omgeving met verzonnen gezinnen, om te oefenen.": (
        "A separate environment with fictional families, for practice."
    ),
    "Eerdere metingen": "Earlier measurements",
    "Eigenaar van de afspraak": "Owner of the agreement",
    "Einddatum betrokkenheid": "End of involvement",
    (
        "Er ging iets mis ({0}). Wat u typte is bewaard. Probeer het opnieuw; blijft het misgaan, "
        "neem dan contact op met de ICT-afdeling."
    ): (
        "Something went wrong ({0}). What you typed was kept. Try again; if it keeps going "
        "wrong, contact your IT department."
    ),
    "Evaluatiedatum": "Evaluation date",
    "Evaluatiedatum opslaan": "Save evaluation date",
    "Filter op status": "Filter by status",
    "Foutmelding": "Error message",
    "Geboortedatum": "Date of birth",
    "Gedaan": "Done",
    "Geen bezoek bezig.": "No visit in progress.",
    "Gegevensmap": "Data folder",
    "Gegevensmap (versleuteld):": "Data folder (encrypted):",
    "ingesteld door uw organisatie": "set by your organisation",
    "Organisatie:": "Organisation:",
    "Geschiedenis": "History",
    "Gezin": "Family",
    "Gezin ...": "Family ...",
    "Gezin maken": "Create family",
    "Gezinnen": "Families",
    "Gezinsleden": "Family members",
    "Gezinslid": "Family member",
    "Herhaal wachtwoord": "Repeat passphrase",
    "Het hele gezin": "The whole family",
    "Het huishouden": "The household",
    "Hoe": "How",
    "Hoe ver behaald": "How far reached",
    "Hoe:": "How:",
    "In de woorden van het gezin": "In the family's own words",
    "Instellingen": "Settings",
    "Instrument": "Instrument",
    "Intake": "Intake",
    "Laatste": "Latest",
    "Laatste huisbezoek": "Last home visit",
    "Leefgebied": "Life domain",
    "Leefgebied van het doel": "Life domain of the goal",
    "Leefgebied voor de grafiek": "Life domain for the chart",
    "Leefgebied:": "Life domain:",
    "Leefgebieden tegen intake": "Life domains against intake",
    "Leefgebieden: laatste meting tegen de eerste": (
        "Life domains: latest measurement against the first"
    ),
    (
        "Maak een profiel om te beginnen. Alles wat u vastlegt, wordt versleuteld op deze laptop "
        "bewaard; alleen uw wachtwoord opent het. Bent u het wachtwoord kwijt, dan kan niemand "
        "de gegevens nog openen."
    ): (
        "Create a profile to begin. Everything you record is stored encrypted on this laptop; "
        "only your passphrase opens it. If you lose the passphrase, nobody can open the data "
        "any more."
    ),
    "Met": "With",
    "Mijn &gezinnen": "My &families",
    "Moment": "Moment",
    "Naam": "Name",
    "Naam van het gezin": "Name of the family",
    "Naam van het gezin (Ctrl+F)": "Name of the family (Ctrl+F)",
    "Niet gelukt": "Did not work",
    "Nieuw contactmoment": "New contact",
    "Nieuw doel": "New goal",
    "Nieuw gezin": "New family",
    "Nieuw wachtwoord": "New passphrase",
    "Nieuwe &urenregel": "New &hours entry",
    "Nieuwe afspraak": "New agreement",
    "Nieuwe betrokkene": "New involved party",
    "Nieuwe meting": "New measurement",
    "Nieuwe urenregel": "New hours entry",
    "Nog geen gegevens": "No data yet",
    "Oefenomgeving": "Practice environment",
    "Opgeslagen.": "Saved.",
    "Organisatie": "Organisation",
    "Over regiedesk": "About regiedesk",
    "Persoon": "Person",
    "Redelijk. Langer is sterker: een zin van een paar woorden werkt goed.": (
        "Fair. Longer is stronger: a sentence of a few words works well."
    ),
    "Regel verwijderen": "Delete entry",
    "Rol": "Role",
    "S&tartdatum:": "S&tart date:",
    "Samenvatting": "Summary",
    "Samenvatting contact": "Contact summary",
    "Samenvatting:": "Summary:",
    "Score": "Score",
    "Score door de tijd": "Score over time",
    "Score {0}": "Score {0}",
    "Soort contact": "Kind of contact",
    "Startdatum": "Start date",
    "Status": "Status",
    "Status van het doel": "Status of the goal",
    "Sterk.": "Strong.",
    "Stop en boe&k": "Stop and &book",
    "Streefdatum": "Target date",
    "Streefdatum:": "Target date:",
    "Taal": "Language",
    "Te kort: minstens {0} tekens.": "Too short: at least {0} characters.",
    "Tekst van de gekozen versie": "Text of the chosen version",
    "Tekst van het verslag": "Text of the note",
    "Telefoon": "Phone",
    "Telefoon:": "Phone:",
    "Titel van het verslag": "Title of the note",
    "Toelichting {0}": "Note on {0}",
    "Tot": "Until",
    "Uiterlijk": "Due",
    "Uiterlijk op": "Due on",
    "Uiterlijk:": "Due:",
    "Uren deze week": "Hours this week",
    "Uren per week": "Hours per week",
    "Urenregels van deze week": "Hours entries of this week",
    "V&orig tabblad": "&Previous tab",
    "Van": "From",
    "Ve&rnieuwen": "&Refresh",
    "Vergrendelen na minuten zonder gebruik": "Lock after minutes without use",
    "Verschil": "Change",
    "Versies": "Versions",
    "Versies van het verslag": "Versions of the note",
    "Verslag opsl&aan": "S&ave note",
    "Verslagen": "Notes",
    "Volgende week >": "Next week >",
    "Voo&r:": "Fo&r:",
    "Voor": "For",
    "Voor:": "For:",
    "Wachtwoord": "Passphrase",
    "Wat u typte voor de vergrendeling staat er weer; het is nog niet opgeslagen.": (
        "What you typed before the lock is back; it has not been saved yet."
    ),
    "Week {0} van {1} ({2} t/m {3})": "Week {0} of {1} ({2} to {3})",
    "Werkruimte van het gezin": "Family workspace",
    "Wie": "Who",
    "Wie:": "Who:",
    "Wij&ziging opslaan": "S&ave change",
    "Wijziging opsl&aan": "S&ave change",
    "Wijzigingen nog niet opgeslagen (concept bewaard).": "Changes not saved yet (draft kept).",
    "ZRM (11 domeinen)": "SSM (11 domains)",
    "ZRM 2017": "SSM 2017",
    "ZRM-Huishoudens": "SSM-Households",
    "Zoeken op naam": "Search by name",
    "gepauzeerd": "paused",
    "gezin": "family",
    "loopt": "running",
    "niet gepland": "not planned",
    "regiedesk": "regiedesk",
    "toelichting": "note",
    "{0} van {1} gezinnen": "{0} of {1} families",
    "Koppelen met de server": "Connect to the server",
    "Adres van de server": "Server address",
    "Gebruikersnaam": "User name",
    "Wachtwoord voor de server": "Server password",
    "Code uit de authenticator-app": "Code from the authenticator app",
    "alleen voor teamleiders en beheerders": "team leaders and administrators only",
    "&Server:": "&Server:",
    "&Gebruikersnaam:": "&User name:",
    "&Code:": "Co&de:",
    "&Koppelen": "&Connect",
    "Synchronisatie": "Sync",
    "Ve&rnieuwen en synchroniseren": "&Refresh and sync",
    "Synchronisatie a&fbreken": "Ca&ncel sync",
    "&Koppelen met de server...": "&Connect to the server...",
    "Synchroniseren...": "Syncing...",
    "Offline": "Offline",
    "Synchronisatie mislukt": "Sync failed",
    "Gesynchroniseerd": "Synced",
    "1 wijziging wacht": "1 change waiting",
    "{0} wijzigingen wachten": "{0} changes waiting",
    "1 verslag met twee versies": "1 note with two versions",
    "{0} verslagen met twee versies": "{0} notes with two versions",
    "Gezin overgedragen": "Family handed over",
    (
        "Dit gezin staat niet meer op uw naam en is van deze laptop gehaald. Uw wijzigingen "
        "waren al naar de server gestuurd."
    ): (
        "This family is no longer assigned to you and was removed from this laptop. Your "
        "changes had already been sent to the server."
    ),
    "Apparaat ingetrokken": "Device revoked",
    (
        "De beheerder heeft deze laptop ingetrokken. De gegevens op deze laptop zijn gewist; "
        "wat al gesynchroniseerd was staat op de server. Neem contact op met de ICT-afdeling."
    ): (
        "The administrator revoked this laptop. The data on this laptop has been wiped; what "
        "was already synced is on the server. Contact your IT department."
    ),
    "Gekoppeld met de server.": "Connected to the server.",
    "Versies samenvoegen": "Merge versions",
    (
        "Dit verslag is op twee plaatsen tegelijk gewijzigd. Links staan de versies, rechts "
        "het samengevoegde verslag. Waar beide versies dezelfde regels wijzigden staan ze "
        "tussen <<<<<<< en >>>>>>>: kies wat blijft en haal de markeringen weg."
    ): (
        "This note was changed in two places at the same time. The versions are on the left, "
        "the merged note on the right. Where both versions changed the same lines, they "
        "stand between <<<<<<< and >>>>>>>: choose what stays and remove the markers."
    ),
    "Versie van {0}, {1} {2}": "Version by {0}, {1} {2}",
    "Samengevoegd verslag": "Merged note",
    "&Samengevoegd verslag:": "&Merged note:",
    "Samengevoegd verslag &opslaan": "&Save merged note",
    "Later": "Later",
    ("Er staan nog markeringen in de tekst: kies per plek wat blijft."): (
        "There are still markers in the text: choose what stays at each place."
    ),
    "Versies &samenvoegen...": "Me&rge versions...",
    (
        "Dit verslag is op twee plaatsen tegelijk gewijzigd. Beide versies zijn bewaard; "
        "voeg ze samen."
    ): (
        "This note was changed in two places at the same time. Both versions are kept; merge them."
    ),
    "Versies samengevoegd en opgeslagen.": "Versions merged and saved.",
    "{0} geweigerd, bewaard": "{0} refused, kept",
    (
        "De server weigerde {0} wijziging(en), bijvoorbeeld na een overdracht. Ze zijn "
        "versleuteld bewaard en staan in een export (regiedesk export); geef ze door aan de "
        "nieuwe regisseur. Klik om ze te bekijken."
    ): (
        "The server refused {0} change(s), for example after a handover. They are kept "
        "encrypted and included in an export (regiedesk export); pass them on to the new "
        "caseworker. Click to see them."
    ),
    # work the server refused, kept aside (ui/rejected_dialog.py)
    "A&part gezet werk...": "Set-aside &work...",
    "Apart gezet werk": "Set-aside work",
    (
        "De server weigerde deze wijzigingen, bijvoorbeeld omdat het gezin is overgedragen. "
        "Ze staan versleuteld op deze laptop. Neem over wat nog nodig is (of geef het door "
        "aan de nieuwe regisseur) en verwijder ze daarna."
    ): (
        "The server refused these changes, for example because the family was handed over. "
        "They are kept encrypted on this laptop. Copy what is still needed (or pass it on to "
        "the new caseworker) and then remove them."
    ),
    "&Geweigerde wijzigingen:": "Refused c&hanges:",
    "Gewijzigde velden": "Changed fields",
    "Ge&wijzigde velden:": "Changed &fields:",
    "&Verwijderen": "&Remove",
    "Geselecteerd werk verwijderen": "Remove the selected work",
    "&Sluiten": "&Close",
    "Geweigerd op": "Refused on",
    "Soort": "Kind",
    "Wat": "What",
    "Reden": "Reason",
    "Veld": "Field",
    "Waarde": "Value",
    "{0} (niet meer op deze laptop)": "{0} (no longer on this laptop)",
    "gezin niet meer op deze laptop": "family no longer on this laptop",
    "Er is geen apart gezet werk.": "There is no set-aside work.",
    "(geen velden: het record werd verwijderd)": "(no fields: the record was deleted)",
    "Apart gezet werk verwijderen": "Remove set-aside work",
    (
        "{0} apart gezet(te) wijziging(en) definitief van deze laptop verwijderen? Neem eerst "
        "over wat u nog nodig hebt; dit kan niet ongedaan worden gemaakt."
    ): (
        "Permanently remove {0} set-aside change(s) from this laptop? First copy what you "
        "still need; this cannot be undone."
    ),
    "gezinslid": "family member",
    "urenregel": "hours entry",
    "bezoektimer": "visit timer",
    "meting": "assessment",
    "score van een meting": "assessment score",
    "betrokkene": "involved party",
    "contactmoment": "contact",
    "doel": "goal",
    "afspraak": "agreement",
    "verslag": "note",
    "tekst van een verslag": "text of a note",
    "nieuw": "new",
    "gewijzigd": "changed",
    "verwijderd": "deleted",
    (
        "Dit gezin staat niet (meer) op uw naam, bijvoorbeeld na een overdracht of een "
        "afgelopen waarneming."
    ): (
        "This family is not (or no longer) assigned to you, for example after a handover or "
        "when a stand-in period ended."
    ),
    "De server kent dit soort gegevens niet; misschien is de server ouder dan deze app.": (
        "The server does not know this kind of data; the server may be older than this app."
    ),
    "De server kent dit gezin niet (meer).": "The server does not (or no longer) know this family.",
    "Dit gezin is op verzoek of na de bewaartermijn vernietigd; wijzigingen worden niet "
    "meer bewaard.": (
        "This family was destroyed on request or after the retention period; changes are "
        "no longer kept."
    ),
    "Deze wijziging heeft een tijdstempel dat de server niet kan lezen.": (
        "This change carries a time stamp the server cannot read."
    ),
    "De server kent deze soort wijziging niet.": "The server does not know this kind of change.",
    "Deze wijziging verwijst naar een ongeldig of ander record.": (
        "This change refers to an invalid or a different record."
    ),
    "Deze wijziging hoort bij een ander gezin dan het record.": (
        "This change belongs to another family than its record."
    ),
    "Deze wijziging bevat een veld dat de server niet kent; misschien is de server "
    "ouder dan deze app.": (
        "This change holds a field the server does not know; the server may be older than this app."
    ),
    "Er ontbreekt een verplicht veld in deze wijziging.": (
        "A required field is missing from this change."
    ),
    "Een waarde in deze wijziging is ongeldig (verkeerd soort, een datum die niet "
    "bestaat of buiten het bereik).": (
        "A value in this change is invalid (the wrong kind, a date that does not exist, "
        "or out of range)."
    ),
    "Deze wijziging bevat tekens die niet bewaard kunnen worden.": (
        "This change holds characters that cannot be stored."
    ),
    "Dit gezin is gemaakt op naam van een andere regisseur.": (
        "This family was created in the name of another caseworker."
    ),
    "Alleen een teamleider kan een gezin aan een andere regisseur overdragen.": (
        "Only a team leader can hand a family over to another caseworker."
    ),
    "De server weigerde deze wijziging (code: {0}).": "The server refused this change (code: {0}).",
    "(leeg)": "(empty)",
    "naam": "name",
    "status": "status",
    "startdatum": "start date",
    "einddatum": "end date",
    "reden van afsluiten": "reason for closing",
    "regisseur": "caseworker",
    "rol": "role",
    "geboortedatum": "date of birth",
    "datum": "date",
    "minuten": "minutes",
    "activiteit": "activity",
    "leefgebied": "life domain",
    "score": "score",
    "organisatie": "organisation",
    "persoon": "person",
    "telefoon": "phone",
    "e-mail": "email",
    "manier van contact": "contact method",
    "samenvatting": "summary",
    "tekst": "text",
    "streefdatum": "target date",
    "uiterlijk op": "due by",
    "wie": "who",
    "gedaan": "done",
    "titel": "title",
    "datum bezoek": "visit date",
    "tekst van het verslag": "text of the note",
    "auteur": "author",
    "{0}, te laat": "{0}, late",
    "{0}, verstreken": "{0}, overdue",
    "Kies eerst een gezin.": "Choose a family first.",
    "Handleiding": "User guide",
    "De handleiding is alleen in het Nederlands beschikbaar.": (
        "The user guide is available in Dutch only."
    ),
    (
        "De handleiding ontbreekt in deze installatie. Installeer regiedesk opnieuw of vraag de "
        "ICT-afdeling om de handleiding."
    ): (
        "The user guide is missing from this installation. Reinstall regiedesk or ask your IT "
        "department for the guide."
    ),
    # the report dialog
    "&Opslaan als PDF...": "&Save as PDF...",
    "&Rapport afdrukken...": "&Print a report...",
    "&Rapport:": "&Report:",
    "&Tot en met:": "&To:",
    "&Van:": "&From:",
    "Begin van de periode": "Start of the period",
    "Einde van de periode": "End of the period",
    "Gezinsplan": "Family plan",
    "Gezinsplan (om te ondertekenen)": "Family plan (to sign)",
    "Het rapport is opgeslagen als {0}. Dit bestand is niet versleuteld: bewaar het veilig. "
    "Wilt u het nu openen?": "The report was saved as {0}. This file is not encrypted: keep it "
    "safe. Do you want to open it now?",
    "Het rapport wordt gemaakt": "The report is being made",
    "Het rapport wordt gemaakt...": "The report is being made...",
    "PDF-bestanden (*.pdf)": "PDF files (*.pdf)",
    "Rapport afdrukken": "Print a report",
    "Rapport opgeslagen": "Report saved",
    "Rapport opslaan": "Save the report",
    "Soort rapport": "Kind of report",
    "Toe&lichting:": "&Account:",
    "Toelichting voor de rapportage": "Account for the report",
    "Uren&verantwoording van alle gezinnen...": "Hours s&tatement of all families...",
    "Urenverantwoording": "Hours statement",
    "Ver&slagen opnemen:": "&Notes to include:",
    "Verslagen om op te nemen": "Notes to include",
    "Voortgangsrapportage": "Progress report",
    "Wat wilt u de gemeente en het gezin vertellen over deze periode?": (
        "What do you want to tell the municipality and the family about this period?"
    ),
    (
        "Deze wijziging kwam van de server, maar deze laptop kan haar niet verwerken "
        "(code: {0}). De rest is wel gesynchroniseerd. Meld het aan de ICT-afdeling."
    ): (
        "This change came from the server, but this laptop cannot process it (code: {0}). "
        "Everything else was synchronised. Report it to the IT department."
    ),
    "Gezinsgegevens": "Family details",
    "Einddatum": "End date",
    "Reden van afsluiten": "Reason for closing",
    "&Einddatum:": "&End date:",
    "&Reden van afsluiten:": "&Reason for closing:",
    "E&valuatiedatum:": "E&valuation date:",
    "Opslaan": "Save",
    "Nieuw gezinslid": "New family member",
    "Naam van het gezinslid": "Name of the family member",
    "Rol in het gezin": "Role in the family",
    "dd-mm-jjjj (mag leeg)": "dd-mm-yyyy (may be empty)",
    "BSN": "BSN",
    "9 cijfers (mag leeg)": "9 digits (may be empty)",
    "&Geboortedatum:": "Date of &birth:",
    "&BSN:": "B&SN:",
    "Gezinsgegevens &wijzigen...": "Edit family &details...",
    "Gezinslid &toevoegen...": "&Add member...",
    "Gezinslid &aanpassen...": "Ed&it member...",
    "Gezinslid ve&rwijderen": "&Remove member",
    "Gezinslid verwijderen": "Remove family member",
    "{0} verwijderen uit het gezin?": "Remove {0} from the family?",
    "Verwijderen": "Remove",
    "Meting verwijderen": "Remove measurement",
    "meting van {1} ({0})": "measurement of {1} ({0})",
    "'{0}' verwijderen?": "Remove '{0}'?",
    "'{0}' verwijderd.": "'{0}' removed.",
    "Ongedaan maken": "Undo",
    "Ctrl+Z": "Ctrl+Z",
    "Verwijderen ongedaan maken": "Undo the removal",
    "{0} {1} op {2}": "{0} {1} on {2}",
    "Betrokkene verwijderen": "Remove party",
    "Contact verwijderen": "Remove contact",
    "contact met {0} op {1}": "contact with {0} on {1}",
    "Doel verwijderen": "Remove goal",
    "Afspraak verwijderen": "Remove agreement",
    "Wijziging opslaan": "Save change",
    "Meting aanpassen": "Edit measurement",
    "Betrokkene aanpassen": "Edit party",
    "Contact aanpassen": "Edit contact",
    "Doel aanpassen": "Edit goal",
    "Afspraak aanpassen": "Edit agreement",
    "&Van": "Fr&om",
    "&Tot en met": "&To",
    "&Regisseur": "&Caseworker",
    "Ver&nieuwen (F5)": "&Refresh (F5)",
    "Team": "Team",
    "Betrokken partijen": "Involved parties",
    "Nog geen cijfers: vernieuw met F5 als u online bent.": (
        "No figures yet: refresh with F5 when you are online."
    ),
    "Cijfers van {when}, over {start} tot en met {end}": "Figures of {when}, over {start} to {end}",
    "Alle regisseurs": "All caseworkers",
    "Regisseur": "Caseworker",
    "Actief": "Active",
    "Aangemeld": "Registered",
    "Afgesloten in periode": "Closed in period",
    "Gemiddeld (4 weken)": "Mean (4 weeks)",
    "Zonder contact > 14 dagen": "No contact > 14 days",
    "Afspraken te laat": "Agreements overdue",
    "Evaluaties te laat": "Evaluations overdue",
    "Uitval in periode": "Dropouts in period",
    "Dagen sinds contact": "Days since contact",
    "Partijen nu / bij start": "Parties now / at start",
    "Doelen behaald / open / niet": "Goals reached / open / not",
    "Waarneming": "Stand-in",
    "Tarief": "Tariff",
    "Regisseur {who} · {status} · {days} dagen sinds contact": (
        "Caseworker {who} · {status} · {days} days since contact"
    ),
    "Eerste score": "First score",
    "Laatste score": "Latest score",
    "Huishouden": "Household",
    "Lid {n}": "Member {n}",
    "Cijfers worden vernieuwd…": "Refreshing the figures…",
    "vernieuwen lukte niet, u ziet de laatste cijfers": (
        "refreshing failed, these are the last figures"
    ),
    "U neemt waar voor {family} ({start} tot en met {end})": (
        "You stand in for {family} ({start} to {end})"
    ),
    "{family} wordt waargenomen door {user} ({start} tot en met {end})": (
        "{user} stands in for {family} ({start} to {end})"
    ),
    "Waarneming: ": "Stand-in: ",
    "Gegeven": "Record",
    "Zoals het nu is": "As it is now",
    "Verzoek van de cliënt": "The client's request",
    "Besluit": "Outcome",
    "Verklaring van de cliënt": "The client's statement",
    "Correctieverzoeken": "Correction requests",
    "Over welk gegeven": "Which record it is about",
    "Datum van het verzoek": "Date of the request",
    "Wat de cliënt verbeterd wil zien": "What the client wants corrected",
    "Toelichting op het besluit": "Explanation of the outcome",
    "De eigen woorden van de cliënt; bewaard naast het gegeven": (
        "The client's own words; kept beside the record"
    ),
    "Verzoek aanpassen": "Change request",
    "Gegeven:": "Record:",
    "Datum verzoek:": "Date of request:",
    "Verzoek:": "Request:",
    "Besluit:": "Outcome:",
    "Toelichting:": "Explanation:",
    "Verklaring:": "Statement:",
    "Correctieverzoek aanpassen": "Change correction request",
    "Nieuw correctieverzoek": "New correction request",
    "Verzoek v&astleggen": "&Record request",
    "(verwijderd)": "(removed)",
    "&Correcties": "&Corrections",
    "correctieverzoek": "correction request",
    "&Wie zag of wijzigde dit gezin...": "&Who saw or changed this family...",
    "aangemaakt": "created",
    "ingezien": "viewed",
    "afgedrukt": "printed",
    "geëxporteerd": "exported",
    "gezocht": "searched",
    "gesynchroniseerd": "synced",
    "Wie zag of wijzigde {0}": "Who saw or changed {0}",
    "Vanaf": "From",
    "Tot en met": "Up to and including",
    "&Tonen": "&Show",
    "Per gebruiker": "Per user",
    "Gebruiker": "User",
    "Ingezien": "Viewed",
    "Gewijzigd": "Changed",
    "Laatst": "Last",
    "Gebeurtenissen": "Events",
    "Moment (UTC)": "Time (UTC)",
    "Handeling": "Action",
    "Namens": "On behalf of",
    "Apparaat": "Device",
    "Periode:": "Period:",
    "Sluiten": "Close",
    "Bezig met ophalen...": "Fetching...",
    "Uit het centrale logboek van de organisatie en van deze laptop.": (
        "From the organisation's central trail and from this laptop."
    ),
    (
        "Alleen van deze laptop: de server was niet bereikbaar of kent dit gezin (nog) niet. "
        "Synchroniseer en probeer het opnieuw voor het hele overzicht."
    ): (
        "From this laptop only: the server could not be reached or does not know this family "
        "(yet). Sync and try again for the whole overview."
    ),
    "deze laptop (nog niet verstuurd)": "this laptop (not yet sent)",
    (
        "De scores en toelichtingen die u invulde, horen bij {0} en zijn nog niet "
        "opgeslagen. Wisselt u naar {1}, dan gaan ze verloren."
    ): (
        "The scores and notes you entered belong to {0} and have not been saved. "
        "If you switch to {1}, they are lost."
    ),
    " (verklaring)": " (statement)",
    "Verklaring van de cliënt: {0}": "The client's statement: {0}",
    "{0}\nVerklaring van de cliënt: {1}": "{0}\nThe client's statement: {1}",
    "Bezig…": "Working…",
    "Dit lukte niet door een onverwachte fout. Probeer het opnieuw; lukt het dan nog niet, "
    "neem contact op met de ICT-afdeling.": (
        "This failed because of an unexpected error. Try again; if it still fails, contact your "
        "IT department."
    ),
    "Nieuw gezin aanmelden": "Register a new family",
    "&Regisseur:": "&Caseworker:",
    "&Startdatum:": "&Start date:",
    "Aanmelden": "Register",
    "Gezin overdragen": "Hand over a family",
    "Nieuwe regisseur": "New caseworker",
    "Gezin:": "Family:",
    "Nu bij:": "Now with:",
    "&Naar regisseur:": "&To caseworker:",
    "De hele geschiedenis van het gezin gaat mee. Wat de huidige regisseur al deed, blijft "
    "bewaard; diens laptop verwijdert het gezin bij de volgende synchronisatie.": (
        "The family's whole history goes along. What the current caseworker did is kept; their "
        "laptop removes the family at its next sync."
    ),
    "Overdragen": "Hand over",
    "Waarneming regelen": "Arrange a stand-in",
    "Waarnemer": "Stand-in caseworker",
    "Eerste dag": "First day",
    "Laatste dag": "Last day",
    "Regisseur:": "Caseworker:",
    "&Waarnemer:": "&Stand-in by:",
    "&Eerste dag:": "&First day:",
    "&Laatste dag:": "&Last day:",
    "Waarneming vastleggen": "Record the stand-in",
    "Waarneming beëindigen": "End a stand-in",
    "&Waarneming:": "&Stand-in:",
    "De waarneming stopt nu: gisteren was de laatste dag.": (
        "The stand-in stops now: yesterday was its last day."
    ),
    "Beëindigen": "End it",
    "Gezin &aanmelden…": "Re&gister family…",
    "&Overdragen…": "Han&d over…",
    "&Waarneming…": "&Stand-in…",
    "Waarneming &stoppen…": "&End stand-in…",
    "Teamra&pportage…": "Team re&port…",
    "Kies eerst een gezin op het tabblad Gezinnen.": "First choose a family on the Families tab.",
    "Dit gezin heeft geen waarneming om te beëindigen.": "This family has no stand-in to end.",
    "Teamrapportage wordt gemaakt…": "Making the team report…",
    "Teamrapportage opslaan": "Save the team report",
    "Teamrapportage": "Team report",
    "Teamrapportage opgeslagen": "Team report saved",
    "De teamrapportage is opgeslagen als {0}. Dit bestand is niet versleuteld: bewaar het "
    "veilig. Wilt u het nu openen?": (
        "The team report has been saved as {0}. This file is not encrypted: keep it safe. Do you "
        "want to open it now?"
    ),
    # Mijn week (issue 15)
    "Mijn &week": "My &week",
    "Uren, afspraken en evaluaties van deze week (Ctrl+Shift+W)": (
        "Hours, agreements and evaluations of this week (Ctrl+Shift+W)"
    ),
    "Mijn wee&k": "My wee&k",
    "<h2>Mijn week</h2>": "<h2>My week</h2>",
    "< V&orige week": "< &Previous week",
    "Vo&lgende week >": "&Next week >",
    "Deze wee&k": "This &week",
    "&Terug naar mijn gezinnen": "&Back to my families",
    "<b>Uren per dag en gezin</b> (die u boekte)": (
        "<b>Hours per day and family</b> (booked by you)"
    ),
    "<b>Afspraken</b> die deze week verlopen of al te laat zijn": (
        "<b>Agreements</b> due this week or already late"
    ),
    "<b>Evaluaties</b> van het plan deze week of verstreken": (
        "Plan <b>evaluations</b> this week or passed"
    ),
    "<b>Zonder contact</b> al {0} dagen of langer": "<b>No contact</b> for {0} days or more",
    "Uren per dag en gezin": "Hours per day and family",
    "Afspraken deze week en te laat": "Agreements this week and late",
    "Evaluaties deze week en verstreken": "Evaluations this week and passed",
    "Gezinnen zonder contact": "Families without contact",
    "Stand": "State",
    "Laatste contact": "Last contact",
    "Dagen": "Days",
    "ma": "Mon",
    "di": "Tue",
    "wo": "Wed",
    "do": "Thu",
    "vr": "Fri",
    "za": "Sat",
    "zo": "Sun",
    "Week": "Week",
    "Totaal": "Total",
    "Weektotaal: <b>{0}</b> uur bij {1} gezinnen": "Week total: <b>{0}</b> hours with {1} families",
    "te laat": "late",
    "deze week": "this week",
    "Geen open afspraken in deze week.": "No open agreements in this week.",
    "verstreken": "passed",
    "Geen evaluaties in deze week.": "No evaluations in this week.",
    "nog geen contact": "no contact yet",
    "Met elk gezin was er de laatste {0} dagen contact.": (
        "Every family had a contact in the last {0} days."
    ),
    # Stop en boek (issue 15)
    "Bezoek boeken": "Book the visit",
    "Het bezoek van {0} op {1} boeken als urenregel.": (
        "Book the visit of {0} on {1} as an hours entry."
    ),
    "&Boeken": "&Book",
    # a contact books its time (issue 15)
    "Tijd boeken": "Book time",
    "leeg: geen uren; of 0:45, 0,75, 45": "empty: no hours; or 0:45, 0.75, 45",
    "De tijd van dit contact als urenregel op dezelfde dag: huisbezoek, "
    "telefonisch contact, netwerkoverleg (overleg) of administratie (mail).": (
        "The time of this contact as an hours entry on the same day: home visit, phone "
        "call, network meeting (meeting) or administration (mail)."
    ),
    "T&ijd boeken:": "&Book time:",
    "{0} geboekt als {1} op {2} (zie Uren).": "{0} booked as {1} on {2} (see Hours).",
    "Week {0}: {1} ({2}) · {3}: {4}": "Week {0}: {1} ({2}) · {3}: {4}",
}
