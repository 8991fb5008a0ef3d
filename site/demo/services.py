"""Demo entries of the service directory (other help in Finland), from ../shared/FACTS.md.

Only the assistance system's own contact details come from its published facts, so only its entry is
marked as checked. The others carry no phone number or address that we could not confirm (the police's
112 is the emergency number); their public pages must be checked before the site is published.
Pro-tukipiste's regions are those of its offices in Helsinki, Tampere and Turku as we know them: check them too.
Names and descriptions are in Finnish, Swedish and English; other languages fall back to English.
"""

SERVICES = [
    {
        "name": {
            "fi": "Ihmiskaupan uhrien auttamisjärjestelmä",
            "sv": "Hjälpsystemet för offer för människohandel",
            "en": "Assistance System for Victims of Human Trafficking",
        },
        "description": {
            "fi": "Auttaa ihmiskaupan uhreja koko Suomessa: turvallinen majoitus, neuvonta ja oikeusapu, "
            "sosiaali- ja terveyspalvelut, taloudellinen tuki, tulkkaus ja apu vapaaehtoiseen paluuseen. "
            "Neuvoo myös viranomaisia, järjestöjen työntekijöitä ja kaikkia, jotka kohtaavat mahdollisen uhrin. "
            "Voit soittaa nimettömänä mihin aikaan tahansa.",
            "sv": "Hjälper offer för människohandel i hela Finland: trygg bostad, rådgivning och juridisk hjälp, "
            "social- och hälsovård, ekonomiskt stöd, tolkning och hjälp med frivillig återresa. Ger också råd "
            "till myndigheter, organisationer och alla som möter ett möjligt offer. Du kan ringa anonymt när "
            "som helst på dygnet.",
            "en": "Helps victims of human trafficking anywhere in Finland: safe housing, advice and legal help, "
            "social and health services, financial support, interpreting and help with a voluntary return. "
            "Also advises officials, NGO workers and anyone who meets a possible victim. You can call "
            "anonymously at any time of day or night.",
        },
        "target_groups": ["trafficking_victims", "close_ones", "professionals"],
        "regions": ["finland"],
        "phone": "+358 2954 63177",
        "email": "ihmiskauppa.auttamisjarjestelma@migri.fi",
        "website": "",
        "details_checked": True,
    },
    {
        "name": {"fi": "Poliisi", "sv": "Polisen", "en": "Police"},
        "description": {
            "fi": "Jos henki, terveys tai turvallisuus on vaarassa, soita heti hätänumeroon 112. Poliisille voit "
            "ilmoittaa rikoksesta, myös epäillystä ihmiskaupasta. Poliisi tutkii rikokset ja suojelee vaarassa "
            "olevia ihmisiä.",
            "sv": "Om liv, hälsa eller säkerhet är i fara, ring genast nödnumret 112. Till polisen kan du anmäla "
            "ett brott, också misstänkt människohandel. Polisen utreder brott och skyddar människor som är "
            "i fara.",
            "en": "If a life, someone's health or safety is in danger, call the emergency number 112 at once. You "
            "can report a crime to the police, including suspected human trafficking. The police investigate "
            "crimes and protect people in danger.",
        },
        "target_groups": ["crime_victims", "trafficking_victims"],
        "regions": ["finland"],
        "phone": "112",
        "email": "",
        "website": "https://poliisi.fi/",
        "details_checked": False,
    },
    {
        "name": {
            "fi": "Rikosuhripäivystys (RIKU)",
            "sv": "Brottsofferjouren (RIKU)",
            "en": "Victim Support Finland (RIKU)",
        },
        "description": {
            "fi": "Tukee ja neuvoo maksutta ja luottamuksellisesti rikoksen uhreja, heidän läheisiään ja "
            "rikoksen todistajia. Saat tietoa oikeuksistasi ja rikosasian käsittelystä sekä tarvittaessa "
            "tukihenkilön esimerkiksi poliisikuulusteluun tai oikeudenkäyntiin.",
            "sv": "Ger kostnadsfritt och konfidentiellt stöd och råd till brottsoffer, deras närstående och "
            "vittnen. Du får veta vilka rättigheter du har och hur ett brottmål går till, och vid behov en "
            "stödperson till exempel till polisförhör eller rättegång.",
            "en": "Free, confidential support and advice for victims of crime, their family and friends, and "
            "witnesses. You learn about your rights and how a criminal case goes, and you can get a support "
            "person, for example for a police interview or a trial.",
        },
        "target_groups": ["crime_victims", "close_ones"],
        "regions": ["finland"],
        "phone": "",
        "email": "",
        "website": "https://www.riku.fi/",
        "details_checked": False,
    },
    {
        "name": {"fi": "Pro-tukipiste", "sv": "Pro-tukipiste", "en": "Pro-tukipiste"},
        "description": {
            "fi": "Tukea ja neuvontaa ihmisille, jotka myyvät tai ovat myyneet seksiä, sukupuolesta ja taustasta "
            "riippumatta: sosiaali- ja terveysneuvontaa, apua oikeuksiin liittyvissä asioissa ja tukea, jos "
            "sinua on käytetty hyväksi. Myös seksikaupan ihmiskaupan uhreille.",
            "sv": "Stöd och rådgivning för personer som säljer eller har sålt sex, oavsett kön och bakgrund: "
            "social- och hälsorådgivning, hjälp med frågor om dina rättigheter och stöd om du har blivit "
            "utnyttjad. Också för offer för människohandel inom sexhandeln.",
            "en": "Support and advice for people who sell or have sold sex, whatever their gender or background: "
            "social and health counselling, help with questions about your rights, and support if you have "
            "been exploited. Also for victims of human trafficking in the sex trade.",
        },
        "target_groups": ["sex_trade", "trafficking_victims"],
        "regions": ["uusimaa", "pirkanmaa", "varsinais-suomi"],
        "phone": "",
        "email": "",
        "website": "https://protukipiste.fi/",
        "details_checked": False,
    },
]
