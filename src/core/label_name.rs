//! The name of a span's label, interned: a 20 MB article has about 650,000 spans and a handful
//! of labels, so each span holds a shared pointer to its label's one allocation rather than a
//! `String` of its own. Copying a chunk of spans (see `core::spans`) then bumps counters instead
//! of allocating 512 strings, and a span is 8 bytes smaller natively, 4 in wasm, with no heap
//! block behind it.
//!
//! `Arc` rather than `Rc`: the Python package recognises on several threads and the spans cross
//! them. It serialises as the plain string it replaces, so every file and record format is
//! unchanged.

use std::borrow::Borrow;
use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::sync::{Arc, Mutex};

use serde::{de, Deserialize, Deserializer, Serialize, Serializer};

/// A label's name as spans carry it; compares, hashes and prints as the string it holds.
#[derive(Clone)]
pub struct LabelName(Arc<str>);

/// Names interned at most: a file can carry any number of labels, and the interner keeps what
/// it holds for good, so past this (and for names longer than [`MAX_INTERNED_LEN`]) a name is
/// allocated on its own: correct, only not shared.
const MAX_INTERNED: usize = 4096;
const MAX_INTERNED_LEN: usize = 64;

/// Names each thread remembers, looked through before the shared set: a document has a few.
const LOCAL_NAMES: usize = 16;

/// The process's interned names.
static INTERNED: Mutex<Option<HashSet<Arc<str>>>> = Mutex::new(None);

thread_local! {
    /// The names this thread used last, so that recognising on several threads (the Python
    /// package) does not take the lock once per span.
    static LOCAL: RefCell<Vec<Arc<str>>> = const { RefCell::new(Vec::new()) };
}

fn intern(name: &str) -> Arc<str> {
    if name.len() > MAX_INTERNED_LEN {
        return Arc::from(name);
    }
    let local = LOCAL.try_with(|local| {
        let mut local = local.try_borrow_mut().ok()?;
        if let Some(found) = local.iter().find(|n| ***n == *name) {
            return Some(found.clone());
        }
        let shared = intern_shared(name)?;
        if local.len() < LOCAL_NAMES {
            local.push(shared.clone());
        }
        Some(shared)
    });
    local
        .ok()
        .flatten()
        .or_else(|| intern_shared(name))
        .unwrap_or_else(|| Arc::from(name))
}

fn intern_shared(name: &str) -> Option<Arc<str>> {
    // A poisoned lock still holds a valid set: nothing in here can leave it half-changed.
    let mut all = INTERNED.lock().unwrap_or_else(|e| e.into_inner());
    intern_in(all.get_or_insert_with(HashSet::new), name)
}

/// The allocation `names` holds for `name`, made if there is room; `None` when it is full.
fn intern_in(names: &mut HashSet<Arc<str>>, name: &str) -> Option<Arc<str>> {
    if let Some(found) = names.get(name) {
        return Some(found.clone());
    }
    if names.len() >= MAX_INTERNED {
        return None;
    }
    let made: Arc<str> = Arc::from(name);
    names.insert(made.clone());
    Some(made)
}

impl LabelName {
    /// The interned name `name`: every `LabelName` made from equal text shares one allocation.
    pub fn new(name: &str) -> Self {
        LabelName(intern(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether both share one allocation (what interning is for; tests check it).
    pub fn ptr_eq(a: &LabelName, b: &LabelName) -> bool {
        Arc::ptr_eq(&a.0, &b.0)
    }
}

impl Deref for LabelName {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for LabelName {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// So that maps and sets keyed by names can be looked up with a `&str`.
impl Borrow<str> for LabelName {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl PartialEq for LabelName {
    fn eq(&self, other: &LabelName) -> bool {
        Arc::ptr_eq(&self.0, &other.0) || self.0 == other.0
    }
}

impl Eq for LabelName {}

/// Hashes as the `str` does, as `Borrow<str>` requires.
impl Hash for LabelName {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state)
    }
}

impl PartialOrd for LabelName {
    fn partial_cmp(&self, other: &LabelName) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for LabelName {
    fn cmp(&self, other: &LabelName) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

macro_rules! eq_with {
    ($($t:ty),*) => {$(
        impl PartialEq<$t> for LabelName {
            fn eq(&self, other: &$t) -> bool {
                self.as_str() == AsRef::<str>::as_ref(other)
            }
        }

        impl PartialEq<LabelName> for $t {
            fn eq(&self, other: &LabelName) -> bool {
                AsRef::<str>::as_ref(self) == other.as_str()
            }
        }
    )*};
}

eq_with!(str, &str, String, &String);

impl fmt::Debug for LabelName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for LabelName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

impl From<&str> for LabelName {
    fn from(name: &str) -> Self {
        LabelName::new(name)
    }
}

impl From<&String> for LabelName {
    fn from(name: &String) -> Self {
        LabelName::new(name)
    }
}

impl From<String> for LabelName {
    fn from(name: String) -> Self {
        LabelName::new(&name)
    }
}

impl From<&LabelName> for LabelName {
    fn from(name: &LabelName) -> Self {
        name.clone()
    }
}

impl From<LabelName> for String {
    fn from(name: LabelName) -> Self {
        name.as_str().to_string()
    }
}

impl Serialize for LabelName {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Read as a string, interned without an intermediate `String` when the input lends one.
impl<'de> Deserialize<'de> for LabelName {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Name;

        impl de::Visitor<'_> for Name {
            type Value = LabelName;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a label name")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<LabelName, E> {
                Ok(LabelName::new(v))
            }
        }

        d.deserialize_str(Name)
    }
}

/// Whether every span carries its label's interned allocation, so that the spans of one label
/// share one (for tests of each way spans are made).
#[cfg(test)]
pub(crate) fn all_interned<'a>(spans: impl IntoIterator<Item = &'a super::Span>) -> bool {
    spans
        .into_iter()
        .all(|s| LabelName::ptr_eq(&s.label, &LabelName::new(&s.label)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::batch::{pack, pack_docs};
    use crate::core::document::{Document, Span, PERSON, PLACE};
    use crate::core::formats::{self, Format};

    #[test]
    fn equal_names_share_one_allocation_and_read_as_strings() {
        let a = LabelName::new("PERSON");
        let b = LabelName::from(String::from("PERSON"));
        assert!(LabelName::ptr_eq(&a, &b));
        let owned = String::from("PERSON");
        assert_eq!(a, "PERSON");
        assert_eq!("PERSON", a);
        assert_eq!(a, owned);
        assert_eq!(owned, a);
        assert_eq!(format!("{a} {a:?}"), "PERSON \"PERSON\"");
        let read: Vec<LabelName> = serde_json::from_str(r#"["PERSON", "PERS\u004fN"]"#).unwrap();
        assert!(read.iter().all(|r| LabelName::ptr_eq(r, &a)));
        assert_eq!(serde_json::to_string(&a).unwrap(), r#""PERSON""#);
        assert!(serde_json::from_str::<LabelName>("3").is_err());
        let set: std::collections::BTreeSet<LabelName> = [a.clone()].into();
        assert!(set.contains("PERSON"));
    }

    #[test]
    fn names_past_the_interner_s_limits_are_still_right() {
        let long = "X".repeat(MAX_INTERNED_LEN + 1);
        let (a, b) = (LabelName::new(&long), LabelName::new(&long));
        assert!(a == b && !LabelName::ptr_eq(&a, &b) && a == long);
        // A full set (a local one: the process's is shared with the other tests) keeps its
        // names and turns new ones away.
        let mut set = HashSet::new();
        let first = intern_in(&mut set, "L0").unwrap();
        for i in 1..MAX_INTERNED {
            intern_in(&mut set, &format!("L{i}")).unwrap();
        }
        assert!(intern_in(&mut set, "ORG").is_none());
        assert!(Arc::ptr_eq(&first, &intern_in(&mut set, "L0").unwrap()));
    }

    #[test]
    fn spans_of_one_label_share_one_allocation_however_they_are_made() {
        let text = "Barack Obama met Angela Merkel in Berlin on 3 May, then flew to Paris.";
        let found = crate::core::recognizer::recognize(text);
        let people: Vec<&Span> = found.iter().filter(|s| s.label == PERSON).collect();
        assert!(people.len() >= 2 && found.len() > people.len(), "{found:?}");
        assert!(LabelName::ptr_eq(&people[0].label, &people[1].label));
        assert!(all_interned(&found));

        let mut doc = Document::new(text);
        doc.set_spans(found.clone()).unwrap();
        doc.add_label(crate::core::Label::new("ORG", "#a8e6cf", None));
        doc.set_label(0, "ORG").unwrap();
        doc.rename_label(PLACE, "LOC").unwrap();
        assert!(all_interned(doc.spans().iter()));
        // Read back from every format that holds the document in one file.
        for format in Format::ALL.into_iter().filter(|&f| f != Format::Brat) {
            let file = formats::export(std::slice::from_ref(&doc), format).unwrap();
            let back = formats::import(&file, format).unwrap();
            assert!(!back[0].spans().is_empty(), "{format:?}");
            assert!(all_interned(back[0].spans().iter()), "{format:?}");
        }
        // Unpacked from what the worker sends.
        let unpacked = pack(&found).unpack(doc.char_len()).unwrap();
        assert_eq!(unpacked, found);
        assert!(all_interned(&unpacked));
        let docs = pack_docs(&[("a".into(), doc.clone(), false)])
            .unpack()
            .unwrap();
        assert_eq!(docs[0].1.spans(), doc.spans());
        assert!(all_interned(docs[0].1.spans().iter()));
    }
}
