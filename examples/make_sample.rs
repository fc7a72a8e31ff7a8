//! Rebuilds `projects/gulf-crisis-sample.warraq.ron` from the two seed articles
//! in `tests/data/`: `cargo run --example make_sample`. Spans are found by
//! searching the bodies, so every highlight passes the quote check.

use std::path::Path;
use warraq::model::{
    Actor, ActorId, ActorKind, Article, ArticleId, Claim, ClaimId, Concept, ConceptId, Date,
    Highlight, HighlightId, Project, Relation, RelationId, RelationTypeId, Source, Span, Stance,
    Tag,
};
use warraq::store;

const SEED_2017: &str = include_str!("../tests/data/2017-11-20-tamim-putin-call.txt");
const SEED_2020: &str = include_str!("../tests/data/2020-07-26-qatar-us-milley.txt");

fn is_letter(c: char) -> bool {
    c.is_alphabetic() || ('\u{064B}'..='\u{065F}').contains(&c)
}

/// Every whole-word occurrence of `needle` (allowing one attached prefix
/// letter, as in وتميم or بقطر), as code-point spans.
fn occurrences(body: &str, needle: &str) -> Vec<Span> {
    let chars: Vec<char> = body.chars().collect();
    let pattern: Vec<char> = needle.chars().collect();
    let mut spans = Vec::new();
    for start in 0..chars.len().saturating_sub(pattern.len() - 1) {
        if chars[start..start + pattern.len()] != pattern[..] {
            continue;
        }
        let end = start + pattern.len();
        let before_ok = match start {
            0 => true,
            _ if !is_letter(chars[start - 1]) => true,
            1 => "وبلفك".contains(chars[0]),
            _ => "وبلفك".contains(chars[start - 1]) && !is_letter(chars[start - 2]),
        };
        let after_ok = end == chars.len() || !is_letter(chars[end]);
        if before_ok && after_ok {
            spans.push(Span::new(start, end));
        }
    }
    spans
}

struct Builder {
    project: Project,
    next_highlight: usize,
}

impl Builder {
    fn body(&self, article: &str) -> &str {
        &self
            .project
            .article(&ArticleId::from(article))
            .expect("article")
            .body
    }

    fn add_highlight(&mut self, article: &str, span: Span, tag: Tag) -> HighlightId {
        let quote: String = self
            .body(article)
            .chars()
            .skip(span.start)
            .take(span.len())
            .collect();
        self.next_highlight += 1;
        let id = HighlightId::new(format!("hl-{:03}", self.next_highlight));
        self.project.highlights.push(Highlight {
            id: id.clone(),
            article: ArticleId::from(article),
            span,
            quote,
            tag,
            speech: None,
            note: String::new(),
            changed: None,
        });
        id
    }

    /// Tags every whole-word mention of each name, longest names first, never overlapping.
    fn tag_mentions(&mut self, article: &str, actor: &str, names: &[&str]) {
        let mut names = names.to_vec();
        names.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
        for name in names {
            for span in occurrences(self.body(article), name) {
                let taken = self.project.highlights.iter().any(|h| {
                    h.article.as_str() == article
                        && h.span.overlaps(span)
                        && !matches!(h.tag, Tag::Evidence)
                });
                if !taken {
                    self.add_highlight(article, span, Tag::Actor(ActorId::from(actor)));
                }
            }
        }
    }

    /// Highlights the first occurrence of `quote` with `tag`.
    fn tag_quote(&mut self, article: &str, quote: &str, tag: Tag) -> HighlightId {
        let body = self.body(article);
        let byte = body
            .find(quote)
            .unwrap_or_else(|| panic!("{quote} not in {article}"));
        let start = body[..byte].chars().count();
        self.add_highlight(
            article,
            Span::new(start, start + quote.chars().count()),
            tag,
        )
    }

    #[expect(
        clippy::too_many_arguments,
        reason = "each part of a relation named at the call, as the sample reads"
    )]
    fn relate(
        &mut self,
        id: &str,
        source: &str,
        kind: &str,
        target: &str,
        date: &str,
        sources: &[(&str, &HighlightId)],
        note: &str,
    ) {
        self.project.relations.push(Relation {
            id: RelationId::from(id),
            source: ActorId::from(source),
            kind: RelationTypeId::from(kind),
            target: ActorId::from(target),
            date: Some(date.parse::<Date>().expect("date")),
            sources: sources
                .iter()
                .map(|(article, evidence)| {
                    Source::new(ArticleId::from(*article), Some((*evidence).clone()))
                })
                .collect(),
            note: note.to_owned(),
            changed: None,
        });
    }
}

fn actor(id: &str, name: &str, kind: ActorKind, aliases: &[&str], gloss: &str) -> Actor {
    let mut actor = Actor::new(ActorId::from(id), name, kind);
    actor.aliases = aliases.iter().map(|&a| a.to_owned()).collect();
    gloss.clone_into(&mut actor.gloss);
    actor
}

const A2017: &str = "art-2017-tamim-putin";
const A2020: &str = "art-2020-qatar-us-milley";

/// The two seed articles, with the metadata an analyst would give them.
fn articles() -> Vec<Article> {
    let parsed = store::parse_text_article(
        "2017-11-20-tamim-putin-call.txt",
        SEED_2017,
        store::Headline::TitleOnly,
    )
    .expect("seed");
    let mut first = Article::new(ArticleId::from(A2017), parsed.title, &parsed.body);
    first.published = Some(Date::ymd(2017, 11, 20));
    "ar".clone_into(&mut first.language);
    "The text does not name its outlet. It cites the Qatar News Agency, RT (روسيا اليوم) and Al Jazeera; \
        the photo credit reads Mikhail Svetlov via Getty Images.".clone_into(&mut first.notes);

    let parsed = store::parse_text_article(
        "2020-07-26-qatar-us-milley.txt",
        SEED_2020,
        store::Headline::TitleOnly,
    )
    .expect("seed");
    let mut second = Article::new(
        ArticleId::from(A2020),
        "قطر والولايات المتحدة تبحثان التعاون العسكري والأمني",
        &parsed.body,
    );
    "شينخوا".clone_into(&mut second.outlet);
    second.published = Some(Date::ymd(2020, 7, 26));
    "ar".clone_into(&mut second.language);
    "Xinhua dispatch datelined Doha; the text has no headline, so the title is the analyst's."
        .clone_into(&mut second.notes);
    vec![first, second]
}

/// The actors the sample codes, with their aliases and English glosses.
fn actors() -> Vec<Actor> {
    use ActorKind::{Group, Organisation, Person, State};
    vec![
        actor("act-qatar", "قطر", State, &["الدوحة", "دولة قطر"], "Qatar"),
        actor(
            "act-usa",
            "الولايات المتحدة",
            State,
            &["الولايات المتحدة الأمريكية", "واشنطن"],
            "United States",
        ),
        actor("act-russia", "روسيا", State, &["الكرملين"], "Russia"),
        actor(
            "act-saudi",
            "السعودية",
            State,
            &["المملكة العربية السعودية"],
            "Saudi Arabia",
        ),
        actor(
            "act-uae",
            "الإمارات",
            State,
            &["الإمارات العربية المتحدة"],
            "United Arab Emirates",
        ),
        actor("act-bahrain", "البحرين", State, &[], "Bahrain"),
        actor("act-egypt", "مصر", State, &[], "Egypt"),
        actor("act-iran", "إيران", State, &["طهران"], "Iran"),
        actor("act-kuwait", "الكويت", State, &[], "Kuwait"),
        actor(
            "act-quartet",
            "الدول الأربع",
            Group,
            &["الرباعي", "الدول المقاطعة"],
            "the boycotting Quartet",
        ),
        actor(
            "act-tamim",
            "الشيخ تميم بن حمد آل ثاني",
            Person,
            &["تميم", "الشيخ تميم", "أمير قطر", "الأمير"],
            "Sheikh Tamim bin Hamad Al Thani, Emir of Qatar",
        ),
        actor(
            "act-putin",
            "فلاديمير بوتين",
            Person,
            &["بوتين", "الرئيس الروسي"],
            "Vladimir Putin, President of Russia",
        ),
        actor(
            "act-dawai",
            "حمد بن مبارك الدواي",
            Person,
            &["العميد الركن حمد بن مبارك الدواي"],
            "Brig. Hamad bin Mubarak Al-Dawai, commander of Qatar's air defence",
        ),
        actor(
            "act-garrett",
            "مايكل غاريث",
            Person,
            &["الفريق مايكل غاريث"],
            "Lt. Gen. Michael Garrett, US Army Central",
        ),
        actor(
            "act-milley",
            "مارك ميلي",
            Person,
            &["الجنرال مارك ميلي"],
            "Gen. Mark Milley, Chairman of the US Joint Chiefs of Staff",
        ),
        actor(
            "act-mbar",
            "الشيخ محمد بن عبدالرحمن آل ثاني",
            Person,
            &["الشيخ محمد", "وزير الخارجية القطري"],
            "Sheikh Mohammed bin Abdulrahman Al Thani, Qatar's foreign minister",
        ),
        actor(
            "act-hook",
            "براين هوك",
            Person,
            &["هوك"],
            "Brian Hook, US Special Representative for Iran",
        ),
        actor(
            "act-qna",
            "وكالة الأنباء القطرية",
            Organisation,
            &[],
            "Qatar News Agency",
        ),
        actor(
            "act-rt",
            "روسيا اليوم",
            Organisation,
            &[],
            "RT (Russia Today)",
        ),
        actor(
            "act-aljazeera",
            "الجزيرة",
            Organisation,
            &["قناة الجزيرة"],
            "Al Jazeera",
        ),
        actor(
            "act-unsc",
            "مجلس الأمن",
            Organisation,
            &["مجلس الأمن الدولي"],
            "UN Security Council",
        ),
    ]
}

/// What the claims are about: one concept, several speakers' stances.
fn concepts() -> Vec<Concept> {
    [
        ("cpt-terror-accusation", "قطر تدعم الإرهاب"),
        (
            "cpt-tutelage",
            "الرباعي يحاول فرض الوصاية على القرار الوطني القطري",
        ),
        (
            "cpt-rift-harms",
            "الخلاف الخليجي يضر بالمصالح الإقليمية المشتركة",
        ),
        (
            "cpt-iran-arms",
            "يجب ألا تتمكن إيران من شراء وبيع الأسلحة التقليدية بحرية",
        ),
    ]
    .into_iter()
    .map(|(id, text)| Concept::new(ConceptId::from(id), text))
    .collect()
}

/// The claims, with their speakers and stances.
fn claims() -> Vec<Claim> {
    vec![
        Claim {
            id: ClaimId::from("clm-terror-accusation"),
            concept: ConceptId::from("cpt-terror-accusation"),
            speaker: Some(ActorId::from("act-quartet")),
            on_behalf_of: None,
            stance: Stance::Affirms,
            note: "The Quartet's stated reason for the boycott.".to_owned(),
            changed: None,
        },
        Claim {
            id: ClaimId::from("clm-terror-denial"),
            concept: ConceptId::from("cpt-terror-accusation"),
            speaker: Some(ActorId::from("act-qatar")),
            on_behalf_of: None,
            stance: Stance::Denies,
            note: "Doha's denial of the Quartet's accusation.".to_owned(),
            changed: None,
        },
        Claim {
            id: ClaimId::from("clm-tutelage"),
            concept: ConceptId::from("cpt-tutelage"),
            speaker: Some(ActorId::from("act-qatar")),
            on_behalf_of: None,
            stance: Stance::Affirms,
            note: String::new(),
            changed: None,
        },
        Claim {
            id: ClaimId::from("clm-rift-harms"),
            concept: ConceptId::from("cpt-rift-harms"),
            speaker: Some(ActorId::from("act-hook")),
            on_behalf_of: None,
            stance: Stance::Affirms,
            note: String::new(),
            changed: None,
        },
        Claim {
            id: ClaimId::from("clm-iran-arms"),
            concept: ConceptId::from("cpt-iran-arms"),
            speaker: Some(ActorId::from("act-hook")),
            on_behalf_of: None,
            stance: Stance::Affirms,
            note: "Argument for extending the UN arms embargo on Iran.".to_owned(),
            changed: None,
        },
    ]
}

/// The evidence passages the relations cite.
struct Passages {
    phone: HighlightId,
    defence_talks: HighlightId,
    drills: HighlightId,
    cut_ties: HighlightId,
    measures: HighlightId,
    us_talks: HighlightId,
    milley: HighlightId,
    hook_meeting: HighlightId,
    kuwait: HighlightId,
    pressure: HighlightId,
}

/// The sample's relations, each citing its passages.
fn relate_all(b: &mut Builder, p: &Passages) {
    b.relate(
        "rel-phone",
        "act-tamim",
        "phones",
        "act-putin",
        "2017-11-20",
        &[(A2017, &p.phone)],
        "Bilateral ties and the Gulf and Syrian crises.",
    );
    b.relate(
        "rel-defence-talks",
        "act-dawai",
        "meets",
        "act-garrett",
        "2017-11-20",
        &[(A2017, &p.defence_talks)],
        "Talks in Doha on defence cooperation.",
    );
    b.relate(
        "rel-drills",
        "act-qatar",
        "trains_with",
        "act-usa",
        "2017-06",
        &[(A2017, &p.drills)],
        "First joint exercise since the crisis began.",
    );
    for (id, state) in [
        ("rel-cut-saudi", "act-saudi"),
        ("rel-cut-uae", "act-uae"),
        ("rel-cut-bahrain", "act-bahrain"),
        ("rel-cut-egypt", "act-egypt"),
    ] {
        b.relate(
            id,
            state,
            "cuts_ties_with",
            "act-qatar",
            "2017-06-05",
            &[(A2017, &p.cut_ties)],
            "",
        );
    }
    b.relate(
        "rel-measures",
        "act-quartet",
        "sanctions",
        "act-qatar",
        "2017-06",
        &[(A2017, &p.measures)],
        "Punitive measures over alleged support for terrorism.",
    );
    b.relate(
        "rel-us-talks",
        "act-qatar",
        "cooperates_with",
        "act-usa",
        "2020-07-26",
        &[(A2020, &p.us_talks), (A2017, &p.defence_talks)],
        "Military and security cooperation; the 2017 report of air-defence talks in Doha tells of the same tie.",
    );
    b.relate(
        "rel-milley",
        "act-tamim",
        "receives",
        "act-milley",
        "2020-07-26",
        &[(A2020, &p.milley)],
        "At Al Bahr Palace.",
    );
    b.relate(
        "rel-hook",
        "act-mbar",
        "meets",
        "act-hook",
        "2020-07-26",
        &[(A2020, &p.hook_meeting)],
        "Gulf crisis and the Iran arms embargo.",
    );
    b.relate(
        "rel-kuwait",
        "act-usa",
        "cooperates_with",
        "act-kuwait",
        "2020-07-26",
        &[(A2020, &p.kuwait)],
        "Joint effort to mediate the Gulf crisis.",
    );
    b.relate(
        "rel-unsc",
        "act-usa",
        "pressures",
        "act-unsc",
        "2020-07-26",
        &[(A2020, &p.pressure)],
        "To extend the arms embargo on Iran.",
    );
}

/// Every name and alias of every actor, tagged wherever it is not yet:
/// longest names first across all actors, so أمير قطر is the emir, not the state.
fn tag_every_name(b: &mut Builder) {
    let mut names: Vec<(String, String)> = b
        .project
        .actors
        .iter()
        .flat_map(|a| a.names().map(|n| (n.to_owned(), a.id.to_string())))
        .collect();
    names.sort_by_key(|(name, _)| std::cmp::Reverse(name.chars().count()));
    for article in [A2017, A2020] {
        for (name, id) in &names {
            b.tag_mentions(article, id, &[name.as_str()]);
        }
    }
}

fn main() -> anyhow::Result<()> {
    let mut project = Project::new("أزمة الخليج: قطر بين واشنطن وموسكو (عينة)");
    "Sample project: two Arabic news reports (November 2017 and July 2020) on Qatar's \
        defence ties with the United States and Russia during the Gulf crisis, coded with actors, claims, \
        highlights and relations.".clone_into(&mut project.description);

    *project.articles = articles();
    *project.actors = actors();
    *project.concepts = concepts();
    *project.claims = claims();

    let mut b = Builder {
        project,
        next_highlight: 0,
    };

    // Evidence and claims first, so actor mentions inside them are still tagged.
    let phone = b.tag_quote(A2017, "أجرى الشيخ تميم بن حمد آل ثاني أمير قطر، والرئيس الروسي فلاديمير بوتين، مباحثات هاتفية الإثنين", Tag::Evidence);
    let defence_talks = b.tag_quote(A2017, "بحث قائد قوات الدفاع الجوي القطري، العميد الركن حمد بن مبارك الدواي، الإثنين 20 نوفمبر/تشرين الثاني 2017، مع قائد القيادة المركزية للجيش الأميركي، الفريق مايكل غاريث", Tag::Evidence);
    let drills = b.tag_quote(
        A2017,
        "وأجرت الدوحة وواشنطن، في يونيو/حزيران الماضي، مناورات عسكرية مشتركة",
        Tag::Evidence,
    );
    let cut_ties = b.tag_quote(
        A2017,
        "وقطعت كل من السعودية والإمارات والبحرين ومصر، في 5 يونيو/حزيران الماضي، علاقاتها مع قطر",
        Tag::Evidence,
    );
    let measures = b.tag_quote(
        A2017,
        "وفرضت الدول الأربع على قطر إجراءات عقابية",
        Tag::Evidence,
    );
    b.tag_quote(
        A2017,
        "بدعوى دعمها للإرهاب",
        Tag::Claim(ClaimId::from("clm-terror-accusation")),
    );
    b.tag_quote(
        A2017,
        "وهو ما تنفيه الدوحة",
        Tag::Claim(ClaimId::from("clm-terror-denial")),
    );
    b.tag_quote(
        A2017,
        "متهمةً الرباعي بمحاولة فرض الوصاية على قرارها الوطني",
        Tag::Claim(ClaimId::from("clm-tutelage")),
    );

    let us_talks = b.tag_quote(
        A2020,
        "بحثت قطر والولايات المتحدة الأمريكية اليوم (الأحد)، التعاون العسكري والأمني بين البلدين",
        Tag::Evidence,
    );
    let milley = b.tag_quote(A2020, "الأمير الشيخ تميم بن حمد آل ثاني استقبل اليوم بقصر البحر رئيس هيئة الاركان المشتركة الأمريكية الجنرال مارك ميلي", Tag::Evidence);
    let hook_meeting = b.tag_quote(A2020, "اجتمع نائب رئيس مجلس الوزراء وزير الخارجية القطري الشيخ محمد بن عبدالرحمن آل ثاني اليوم بالممثل الخاص لإيران وكبير مستشاري وزير الخارجية الأمريكي براين هوك", Tag::Evidence);
    let kuwait = b.tag_quote(A2020, "ولفت إلى أن بلاده تسعى مع الكويت، التي سيزورها غدا الإثنين، لتعزيز الحوار ومساعدة أطراف الأزمة على إحراز تقدم", Tag::Evidence);
    let pressure = b.tag_quote(
        A2020,
        "بينما تضغط واشنطن حاليا على مجلس الأمن لتمديد حظر الأسلحة المفروض على طهران",
        Tag::Evidence,
    );
    b.tag_quote(
        A2020,
        "يضر في نهاية المطاف بمصالحنا الإقليمية المشتركة في الاستقرار والازدهار والأمن",
        Tag::Claim(ClaimId::from("clm-rift-harms")),
    );
    b.tag_quote(
        A2020,
        "لا أحد يعتقد أن إيران يجب أن تكون قادرة على شراء وبيع الأسلحة التقليدية بحرية",
        Tag::Claim(ClaimId::from("clm-iran-arms")),
    );

    tag_every_name(&mut b);

    relate_all(
        &mut b,
        &Passages {
            phone,
            defence_talks,
            drills,
            cut_ties,
            measures,
            us_talks,
            milley,
            hook_meeting,
            kuwait,
            pressure,
        },
    );

    let mut project = b.project;
    project
        .highlights
        .sort_by(|x, y| (&x.article, x.span, &x.id).cmp(&(&y.article, y.span, &y.id)));
    let errors = project.validate();
    assert!(errors.is_empty(), "{errors:#?}");
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("projects/gulf-crisis-sample.warraq.ron");
    store::save(&project, &path, None)?;
    println!("{}: {}", path.display(), warraq::cli::summary(&project));
    Ok(())
}
