//! The built-in sample article: wire-style news written for spanlight, with people, places and
//! numbers of every kind the guidelines name.

pub const NAME: &str = "sample-article";

pub const ARTICLE: &str = "\
GENEVA (Wire) — Foreign ministers from 14 countries met in Geneva on Tuesday to press for a \
ceasefire in northern Syria, where more than 50,000 people have fled their homes since March 3.

U.S. Secretary of State John Kerry said after three hours of talks that Washington and Moscow had \
agreed on a \"first step\" and that a second meeting would follow in Vienna within two weeks. \
Russian Foreign Minister Sergei Lavrov told reporters the plan would cost about $4.2 billion over \
the next 18 months, of which the European Union has pledged €1.5 billion.

Aid groups in Aleppo said prices for flour had risen 63 per cent this year. \"We feed twenty-one \
hundred families a day,\" said Dr. Amira Haddad, who runs a clinic near the Turkish border. \"On the \
worst days it is three hundred more.\"

Turkey, which hosts 2.7 million refugees, has asked for 995 million euros in extra support. German \
Chancellor Angela Merkel is expected to visit Ankara on April 22, her third trip to the region in 2016.";
