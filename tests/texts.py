"""Short paragraphs we wrote for the tests: realistic news prose in each language, no outlet named."""

PARA_AR = (
    "قالت الوزارة في بيان اليوم إن الاجتماع بحث سبل تعزيز التعاون بين البلدين في مجالات "
    "الطاقة والنقل والتعليم، وأكدت أن اللجنة المشتركة ستعقد دورتها المقبلة في الخريف."
)
PARA_FA = (
    "وزیر امور خارجه امروز در نشست خبری گفت که گفت‌وگوها با کشورهای همسایه ادامه دارد و "
    "هیئت‌های کارشناسی هفته آینده برای بررسی جزئیات توافق دیدار خواهند کرد."
)
PARA_UR = (
    "شام کی حکومت کے قریبی ذرائع کا کہنا ہے کہ وزیر دفاع نے اپنے حالیہ دورے میں صدر سے "
    "ملاقات کی اور دونوں ملکوں کے درمیان تعاون بڑھانے پر بات چیت کی۔"
)

# One bombing told four ways, none dated: the attack, a statement condemning it in other words (too
# unlike the attack to join it), and two condemnations alike enough to both. The content hashes are
# picked so that the attack and the far statement come first in the canonical order and found two
# events; the two that follow are the bridges (tests/corpus/test_grouping.py; tests/store/test_incremental_events.py loads them in parts).
BRIDGED = {
    "attack": ("قتل 15 شخصا في تفجير انتحاري استهدف مسجدا داخل مقر قوات الطوارئ في أبها بمنطقة عسير أثناء "
               "صلاة الظهر، وقالت وزارة الداخلية إن الانتحاري فجر حزاما ناسفا بين المصلين."),
    "far": ("شجب النائب اللبناني سمير الخوري التفجير الذي شهدته مدينة أبها، مؤكدا أن هذا العمل الآثم لا يمت "
            "إلى الأخلاق والقيم بصلة، وأن لبنان يقف إلى جانب المملكة في السراء والضراء."),
    "council": ("دان مجلس الشورى التفجير الإرهابي الذي استهدف مسجد قوات الطوارئ في أبها أثناء صلاة الظهر، "
                "مؤكدا أن هذا العمل الآثم لا يمت إلى الأخلاق والقيم بصلة."),
    "chamber": ("استنكرت غرفة التجارة التفجير الإرهابي الذي استهدف مسجد قوات الطوارئ في أبها بين المصلين، "
                "وقالت إن هذا العمل الآثم لا يمت إلى الأخلاق والقيم بصلة."),
}
BRIDGED_SHAS = {"attack": "0300000000000000", "far": "1000000000000000", "council": "2100000000000000",
                "chamber": "3000000000000000"}

# One hack told as two kinds of happening: the lexicon reads "seized" as a capture and has no word for
# a hack ("other"); the two whole articles tell one story (tests/corpus/test_near_misses.py,
# tests/store/test_incremental_events.py)
TOLD_TWO_WAYS = {
    "seized": ("سيطر قراصنة مساء أمس على حساب بنك التسليف في تويتر ونشروا عبره تغريدات مسيئة للبنك وعملائه لمدة "
               "ساعتين، قبل أن يعود الحساب إلى إدارة البنك التي أبلغت الجهات المختصة لتتبع المخترقين."),
    "told": ("تعرض حساب بنك التسليف في تويتر للاختراق مساء أمس ونشرت عبره تغريدات مسيئة للبنك وعملائه لمدة "
             "ساعتين، قبل أن يعود الحساب إلى إدارة البنك التي أبلغت الجهات المختصة لتتبع المخترقين."),
}
