"""INNOVO's verantwoording, quoted from seed 004 (its 2023-2024 report; demo content).

The years in the texts are written relative to the round's school year ({jaar} is its
first calendar year, {label} its label, {kort} the short form), so the report fits the
round the demo opens, whichever year that is: `teksten(2023)` and `proces(2023)` give the
seed's own wording.
"""

from swv.schooljaar import schooljaar_label

# Reflections per question code ("Rekenschap - collectief resultaat", "Extra informatie").
_TEKSTEN = {
    "ankerpunt-1": "Alle scholen van Innovo hebben een basisarrangement. Uit de vigerende "
    "schoolondersteuningsprofielen (SOP) van de INNOVO- scholen blijkt dat de "
    "gemiddelde, minimale norm met 99% ruim wordt gehaald. In schooljaar {kort} "
    "heeft INNOVO zich als doel gesteld om een nieuwe beleidskader "
    "‘onderwijskwaliteit’ te implementeren. De strategie is gericht op het "
    "cyclisch werken van onderwijskwaliteit, het versterken van de samenwerking "
    "tussen scholen en bestuur, het stimuleren van professionalisering van "
    "medewerkers en het voortdurend aanpassen aan maatschappelijke en "
    "onderwijskundige ontwikkelingen. De kracht van de strategie zit in de "
    "wederzijdse afstemming op het tactische niveau, met georganiseerde monitor- "
    "en kwaliteitsdialogen, onderbouwd door rijke en relevante data. De essenties "
    "van onderwijskwaliteit worden geconcretiseerd in zgn. bouwstenen, die scholen "
    "ondersteunen om hun kwaliteit meetbaar, zichtbaar en merkbaar te maken. Het "
    "gaat dan om de bouwstenen Veiligheid, Pedagogisch-Didactisch Handelen, Zicht "
    "op Ontwikkeling, Onderwijsresultaten en Kwaliteitsbeleid. Deze "
    "kwaliteitsstandaard is onderdeel van de onderleggers bij de monitordialogen, "
    "tussen het CVB en de schooldirecteuren.",
    "ankerpunt-2": "Ook bij dit ankerpunt wordt de gemiddelde norm met 96% ruim gehaald. INNOVO "
    "investeert structureel in kennisuitwisseling via het IB- en "
    "specialistennetwerk én de inzet van procesbegeleiding en ondersteuning door "
    "de Clusterverbinders Passend Onderwijs (CPO-ers) van het Expertiseplatform. "
    "Er is de voorbije jaren hard gewerkt de pedagogisch-didactische kwaliteiten "
    "van de leerkrachten (de vier sleutels). Tevens is er INNOVO-breed een traject "
    "'Formatief Handelen' uitgerold, waarmee toetsing veel meer in functie van het "
    "leren wordt geplaatst. Het Expertiseplatform ondersteunt scholen vw.b. het "
    "planmatig en handelingsgericht werken op systeemniveau, waarbij de insteek "
    "vooral preventief is (ondersteuningsniveau 1 en 2) en waar nodig ook "
    "remediërend (ondersteuningsniveau 3 en 4).",
    "ankerpunt-3": "Het gemiddelde van de onderdelen van dit ankerpunt is met 83% gemiddeld ruim "
    "boven de norm. INNOVO heeft de voorbije jaren extra geïnvesteerd in o.a. de "
    "expertise m.b.t. 'meer- en hoogbegaafdheid'. Via een landelijke subsidie is "
    "er expertise m.b.t. dit thema ontwikkeld en geborgd binnen het "
    "INNOVO-expertiseplatform. Via een specifieke (deeltijd-)voorziening "
    "(expertisecentrum) in samenwerking met het VO, genaamd 'Springmaar', wordt de "
    "focus niet alleen gelegd op een rijker aanbod, maar is deze vooral gericht op "
    "de emotionele ontwikkeling van deze leerlingen in het algemeen en het "
    "welbevinden, zelfbeeld en zelfvertrouwen in het bijzonder. De moederschool "
    "krijgt vanuit SpringMaar handelingsadviezen en versterkt hierdoor haar "
    "handelingsrepertoire en kan in voorkomende gevallen beter afstemmen op "
    "kinderen met vergelijkbare ondersteuningsbehoeften. Dit bevordert het "
    "inclusiever onderwijs. De specialist Hoogbegaafdheid is onderdeel van het "
    "Expertiseplatform en is als expert een belangrijke spil in dit proces.",
    "ankerpunt-4": "Via dit ankerpunt wordt duidelijk welke ondersteuning de school (met behulp "
    "van bovenschoolse ondersteuningsstructuren) zélf of in het cluster op elk "
    "ondersteuningsniveau kan bieden, aangevuld met welke ondersteuning via "
    "netwerkpartners kan worden betrokken. Het beeld uit de SOPs laat zien dat het "
    "aantal onderwijsondersteuners relatief hoog is. Dit is in lijn met de eerder "
    "ingezette ontwikkeling naar meer handen in de klas en het flexibiliseren van "
    "de teamsamenstelling. Om hulpvragen van scholen nog beter te kunnen matchen "
    "met interne- en externe expertise, heeft INNOVO clusterverbinders passend "
    "onderwijs aan clusters gekoppeld, die o.a. de rol van 'zorgmakelaar' op zich "
    "nemen.",
    "externe-functie": "Voor de basisondersteuning is een expertiseplatform beschikbaar, voor het "
    "merendeel bestaande uit specialisten uit het SBO en SO. Deze specialisten "
    "ontwikkelen zich meer en meer tot clusterverbinders passend onderwijs op "
    "de scholen binnen een cluster. Zij zetten hun specialisme vooral ter "
    "systeemversterking in en ondersteunen de scholen van het cluster, om "
    "samen een continuüm van onderwijs en ondersteuning te vormen o.b.v. een "
    "dekkend cluster-ondersteuningsprofiel.",
    "extra-informatie": "Inclusie en terugplaatsing\n"
    "\n"
    "Er zijn diverse landelijke en regionale ontwikkelingen, die noodzaken "
    "tot inclusiever onderwijs. Het huidige systeem staat onder druk. De "
    "wachtlijsten groeien en een stijgend aantal kinderen is op zorg "
    "aangewezen. Het lijkt erop dat passend onderwijs enigszins stagneert en "
    "de koers bijgesteld moet worden. Het ministerie van onderwijs bevestigt "
    "dit beeld in de evaluatie van passend onderwijs en schetst als "
    "vervolgontwikkeling een droombeeld /ambitie inclusief onderwijs 2035.\n"
    "\n"
    "Dit is een thema waar ook INNOVO verder mee aan de slag zal gaan, om "
    "bovengenoemde ontwikkelingen het hoofd te kunnen bieden. In het nieuwe "
    "INNOVO-koersplan ({koersplan}) wordt dit dan ook een strategisch thema. "
    "INNOVO wil de beweging maken van het ‘medische model’ (problemen van "
    "kinderen ‘labelen’) naar het ‘sociale model’. Normaliseren zou de norm "
    "moeten worden: niet ‘het probleem van het kind’ staat centraal, maar het "
    "verrijken van de context. Het pedagogisch en didactisch handelen van de "
    "leerkracht is gericht op de hele groep leerlingen, vanuit het adagium "
    "‘gewoon goed onderwijs’.\n"
    "\n"
    "In de opmaat naar het nieuwe koersplan worden er al diverse activiteiten "
    "ondernomen, die zich in deze richting bewegen. \n"
    "- Mindset/Visievorming m.b.t. ‘inclusiever onderwijs’ met directeuren en "
    "intern begeleiders. \n"
    "- Sessie met directeuren, intern begeleiders en leerkrachten waar het "
    "gaat om bewustwording rondom het thema ‘terugplaatsing naar een lichtere "
    "vorm van ondersteuning’. Vanuit het adagium ‘Het kan wel!’ worden deze "
    "sessies georganiseerd in Maastricht-Heuvelland en daarna ook in "
    "Parkstad. \n"
    "- Doorontwikkeling startklassen naar zgn. schoolarrangementen, vanuit "
    "een visie op inclusiever onderwijs.\n"
    "\n"
    "De sessie m.b.t. ‘Het kan wel!’ moeten uiteindelijk uitmonden in o.a. "
    "het stroomlijnen en formaliseren van het proces van terugplaatsing naar "
    "een lichtere vorm van ondersteuning. Van belang hierbij is vooral de rol "
    "en ontwikkeling van de verwijzende school en de ‘nazorg bij terugstroom’ "
    "door de terugplaatsende school. Dit vraagt iets van de visie en "
    "leiderschap op de betreffende scholen en korte communicatielijnen.\n"
    "\n"
    "Het effect van het meer centraal stellen van het thema terugplaatsingen "
    "is reeds merkbaar. Er is een (licht) stijgende lijn zichtbaar in het "
    "aantal terugplaatsingen door scholen van INNOVO. Deze lijn wil INNOVO "
    "graag vasthouden en stimuleren.",
    "ononderbroken-ontwikkeling": "Hoewel er in IB-netwerken geregeld gesproken wordt over de "
    "(beperkte) effecten van doubleren op zowel de korte- als "
    "(middel)lange termijn, wordt deze interventie toch nog "
    "relatief vaak toegepast, vooral ook onder druk van ouders. Dit "
    "blijft dus een terugkerend gespreksthema tijdens "
    "specialistenbijeenkomsten. M.b.t. de gestandhouding van de "
    "schooladviezen na 3 jaar scoort INNOVO al jaren rond het "
    "landelijk gemiddelde (o.b.v. NCO- rapportages {nco}). "
    "Scholen monitoren en evalueren m.b.v. de NCO-rapporten de mate "
    "van gestandhouding van hun adviezen en werken cyclisch aan "
    "verbetering c.q. borging hiervan.",
    "schakelfunctie": "Terugplaatsing vanuit SO/SBO naar reguliere basisscholen was in {label} "
    "al meer aan de orde dan in het voorafgaande schooljaar. Er tekent zich een "
    "stijgende trend af. Voor veel kinderen blijft echter nog veel "
    "specialistische onderwijs- én zorgondersteuning nodig. Door het "
    "faciliteren van o.a. Startklassen - waarbij potentiële leerlingen voor het "
    "gespecialiseerd onderwijs de kans krijgen om toch regulier te starten - "
    "wordt inclusief onderwijs meer en meer mogelijk.",
    "terugplaatsingen": "Meer en meer zien we dat de scholen van het gespecialiseerd onderwijs "
    "werk maken van terugplaatsingen (van SBO->BAO of van SO->SBO). De "
    "aantallen zijn nog niet heel hoog, maar er is toch een positieve "
    "beweging zichtbaar. De scholen van het gespecialiseerd onderwijs zijn "
    "actief aan de slag om - samen met de reguliere basisscholen - het thema "
    "bespreekbaar te maken en het proces van 'terugleiding' verder te "
    "finetunen. Hiervoor zijn in de regio Maastricht-Heuvelland sessies "
    "georganiseerd vanuit het adagium 'Het kan wel!', die de awareness voor "
    "deze thematiek aanwakkeren en uiteindelijk moeten leiden tot nieuwe "
    "afspraken en aangepaste procedures.",
    "thuiszitters": "Het aantal thuizitters (leerlingen die ingeschreven zijn op een school, maar "
    "langer dan 4 weken thuiszitten) van Innovo-scholen (met zorgplicht) is "
    "relatief beperkt. Het streven is steeds om - daar waar er sprake in van een "
    "thuiszitter - voor de betreffende leerling zo snel mogelijk een passende "
    "plek te vinden. Door actieve betrokkenheid en structurele afstemming van de "
    "INNOVO- procesbegeleiding met alle betrokkenen/instanties lukt dat in "
    "voorkomende gevallen. Jaarlijks vindt v.w.b. de regio Parkstad ook "
    "afstemming met Bureau VSV over dit thema plaats.",
    "verwijzingen": "Het aantal verwijzingen van BAO naar SO/SBO vertonen v.w.b. het aandeel van "
    "INNOVO-scholen een grillig verloop. Over het algemeen kan gesteld worden dat "
    "- ondanks alle inspanningen en inzet van de scholen om zoveel mogelijk "
    "leerlingen in het reguliere onderwijs te ondersteunen - het aantal "
    "leerlingen dat speciaal onderwijs nodig heeft, niet afneemt en zelfs voor "
    "bepaalde clusters nog toeneemt. Dit is een landelijke trend en helaas zit "
    "met name de regio Parkstad hier gemiddeld nog eens boven. Dit "
    "samenwerkingsverband heeft landelijk gezien het hoogste "
    "verwijzingspercentage, dat verklaarbaar is gezien de sociaal-economische "
    "situatie waarin deze regio verkeert. Daar komt nog bij dat er een "
    "verdichting van de problematiek optreedt, door 'relatief zwakke instroom' "
    "uit andere delen van het land (ook Nederlandse Antillen) en een toenemend "
    "aantal anderstalige leerlingen. De effecten van de niet-afnemende "
    "investering in de kwaliteit van de basisondersteuning worden zo helaas niet "
    "zichtbaar. De (landelijke) trend dat het aantal leerlingen in het "
    "gespecialiseerd onderwijs groeit, leidt er toe dat daar de plaatsing meer en "
    "meer gaat stagneren. Door de toename van het aantal leerlingen, afnemende "
    "financiering per leerling en het steeds lastiger kunnen vinden van "
    "gekwalificeerd personeel, staat de kwaliteit van het onderwijs ernstig onder "
    "druk en zijn met name de SO- scholen in de regio Parkstad genoodzaakt in "
    "bepaalde situaties de instroom te beperken en te werken met een wachtlijst. "
    "De gezamenlijke schoolbesturen in de regio geven blijvend signalen af naar "
    "en zijn in gesprek met het Ministerie, de Inspectie en de betreffende "
    "gemeenten over deze situatie.",
}

SCORES = {"ankerpunt-1": "99", "ankerpunt-2": "96", "ankerpunt-3": "83"}

# Hoofdonderdelen: (how sturing is belegd, example indicator number(s), example text).
_PROCES = {
    "algemeen": (
        "INNOVO kent een platte organisatie, waarin de directeuren van de scholen "
        "rechtstreeks rapporteren aan het CvB. De directeuren van de scholen van INNOVO "
        "zijn integraal verantwoordelijk voor hun school en leggen direct verantwoording "
        "af aan het CvB. Scholen werken samen in clusters, waarin directeuren "
        "samenwerken op het “continuüm van onderwijs, personeel en zorg”. INNOVO kent "
        "twee grotere processen die organisatiebreed ondersteunend werken: Het "
        "Expertiseplatform en Opleiden in School. De ontwikkeling van de doelstellingen "
        "- zoals verwoord in het ondersteuningsplan - wordt begeleid en gemonitord door "
        "de bestuursadviseur onderwijs, in nauwe samenwerking met de collega's van Team "
        "Onderwijs, 2 procesbegeleiders en het Expertiseplatform.",
        "7",
        "Meer en meer vinden schoolbesturen elkaar in 'het hoe'. Er is in Parkstad en "
        "Maastricht-Heuvelland sprake van bestuurlijke afstemming en samenwerking van "
        "beleidsmedewerkers op thema's als inclusie, knooppunten, Startklassen, Duiden & "
        "Doen en NT2-onderwijs.",
    ),
    "basis-op-orde": (
        "Kenmerkend voor de INNOVO-strategie op onderwijskwaliteit is de afstemming "
        "op tactisch niveau - tussen het CVB en de directies - via georganiseerde "
        "monitor- en kwaliteitsdialogen, onderbouwd door rijke en relevante data. "
        "Een belangrijke onderlegger bij de kwaliteitsgesprekken is het format "
        "‘Facts’, waarin de resultaten (o.a. opbrengsten, tevredenheid, passend "
        "onderwijs, sociale veiligheid e.d.) van de school zichtbaar worden. "
        "Tijdens deze dialogen komen ook thema's gerelateerd aan passend onderwijs "
        "en inclusie aan de orde, zoals de verwijzingen en de samenwerking met "
        "voorschoolse instellingen of de (gemeentelijke) zorg.",
        "20",
        "INNOVO stimuleert en ondersteunt scholen om actief af te stemmen met de "
        "voorschoolse voorzieningen. In toenemende mate signaleren scholen dat het "
        "taal/spraakniveau, waarop nieuwe kleuters in groep 1 starten, steeds lager "
        "wordt. Als voorbeeld van een interventie is in de regio Beekdaelen door "
        "o.a. de bovenschoolse inzet van het INNOVO- Expertiseplatform het project "
        "'Hard voor Taal' met veel succes uitgevoerd. Alle kinderdagverblijven, "
        "peuteropvang- organisaties en alle basisscholen in die regio hebben "
        "enthousiast en intensief samengewerkt om het taalaanbod voor alle kinderen "
        "van 2 tot 6 jaar te versterken. Ook andere regio's zijn nu geïnteresseerd "
        "in deze aanpak.",
    ),
    "doelgroeparrangementen": (
        "In een vaste frequentie vindt er overleg plaats tussen het "
        "cluster gespecialiseerd onderwijs (waarin alle SBO/SO-scholen van "
        "Innovo zijn vertegenwoordigd) en de bestuursadviseur Onderwijs "
        "en/of het College van Bestuur. Vast agendapunt is o.a. de "
        "ontwikkeling van de doelgroeparrangementen. Hierin speelt de "
        "CPO-er van dit cluster een belangrijke regierol. In dit overleg "
        "worden relevante ontwikkelingen en mogelijke knelpunten "
        "besproken.",
        "33",
        "Als het uitgangspunt is dat álle kinderen vanaf 4 jaar naar "
        "school gaan (tenzij), geldt dit in principe óók voor kinderen uit "
        "de medische, voorschoolse voorzieningen (MKD/KDC), ongeacht hun "
        "zorgintensiteit. Vandaar dat INNOVO voor jonge kinderen, waar "
        "eerst meer zorg dan onderwijs nodig is, een speciale voorziening "
        "heeft ingericht, genaamd de 'Kantelklas' (SO/VSO De Pyler). De "
        "uitdaging is om voor deze leerlingen in één jaar - via een "
        "uitgekiende multidisciplinaire aanpak - de (dis)balans 'te "
        "kantelen', zodat méér onderwijs mogelijk wordt. Daarnaast heeft "
        "SO/VSO De Pyler ook een voorziening genaamd 'Byzonderwijs', die "
        "speciaal bedoeld is voor leerlingen waar 'behandeling' "
        "voorliggend is. Deze behandeling vindt óp school plaats, waardoor "
        "de leerling binnen de onderwijssetting blijft en de kansen op "
        "aansluiting met onderwijs toenemen.",
    ),
    "knooppunt": (
        "Het thema knooppunten is geregeld onderwerp van gesprek tijdens de "
        "IB-netwerkbijeenkomsten. Innovo heeft - binnen het SWV - relatief veel "
        "geïnvesteerd in het beschrijven van de processtappen, die horen bij de diverse "
        "typen knooppunten (uitvoeringsnotitie). De vertaling hiervan vindt deels "
        "plaats via het IB-netwerk, maar is ook een belangrijk aandachtsgebied van de "
        "procesbegeleiders en CPO-ers (clusterverbinders passend onderwijs), die "
        "scholen daarbij ondersteunen. INNOVO heeft ook een actieve bijdrage geleverd "
        "aan de realisatie van een animatie voor medewerkers, waarin op een "
        "toegankelijke manier het wat en het hoe van een knooppunt wordt "
        "gevisualiseerd.",
        "37",
        "Hoewel de uitgangspunten en afspraken m.b.t. de knooppunten voor de scholen "
        "helder zijn, blijkt de praktijk weerbarstig en vraagt dit thema structureel "
        "aandacht. Het blijkt agenda-technisch erg lastig om de kernpartners op "
        "eenzelfde tijdstip aan tafel te krijgen. Dat vraagt onevenredig veel "
        "organisatietijd van bepaalde medewerkers, waardoor druk ontstaat. Daarnaast "
        "blijken in de praktijk geregeld vervangers van zieke medewerkers in "
        "knooppunten afgevaardigd te worden, die geen mandaat hebben, waardoor er geen "
        "concrete knopen doorgehakt kunnen worden. In {jaar} heeft INNOVO het voortouw "
        "genomen in de oprichting van een zgn. bovenschools (bovenbestuurlijk) loket. "
        "Hiermee kunnen deelnemende SO-scholen/besturen steeds meer eigen regie voeren "
        "op de (terug)plaatsing van leerlingen op de eigen scholen, door de intake "
        "gezamenlijk uit te voeren. Het uitgangspunt hierbij is dat er voor elk kind "
        "‘in principe’ een plek is of wordt gecreëerd. In eerste instantie neemt aan "
        "het knooppunt toeleiding de school deel, die op basis van het dossier en de "
        "beschikbare plek, het best passend is. Mogelijk wordt er in de toekomst "
        "gewerkt met (één) vaste afgevaardigde van het loket, die aan alle knooppunten "
        "toeleiding deelneemt. Dit komt de efficiency van de inzet van medewerkers en "
        "de kwaliteit van het knooppunt ten goede.",
    ),
}


def _jaren(tekst: str, schooljaar: int) -> str:
    return tekst.format(
        jaar=schooljaar,
        label=schooljaar_label(schooljaar),
        kort=f"’{schooljaar % 100:02d}-’{(schooljaar + 1) % 100:02d}",
        nco=f"{schooljaar}/{schooljaar + 1}",
        koersplan=f"{schooljaar + 2}-{schooljaar + 6}",
    )


def teksten(schooljaar: int) -> dict[str, str]:
    return {code: _jaren(tekst, schooljaar) for code, tekst in _TEKSTEN.items()}


def proces(schooljaar: int) -> dict[str, tuple[str, str, str]]:
    return {
        code: (_jaren(sturing, schooljaar), nummers, _jaren(voorbeeld, schooljaar))
        for code, (sturing, nummers, voorbeeld) in _PROCES.items()
    }
