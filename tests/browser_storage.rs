//! Browser tests of the autosave store (IndexedDB) in headless Chromium.
//! Run: `cargo test --target wasm32-unknown-unknown --test browser_storage`.
//! Failures are simulated by patching the browser's IndexedDB prototypes from JS; each test
//! restores them before asserting, so one failing test cannot break the next.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use spanlight::app::autosave::{self, Autosave, SaveState};
use spanlight::app::storage::{StorageError, Store};
use spanlight::core::autosave::SaveLog;
use spanlight::core::document::Document;
use spanlight::core::workspace::{Workspace, WorkspaceAction};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use yew::Callback;

wasm_bindgen_test_configure!(run_in_browser);

/// A few MB of text where UTF-16, bytes and code points disagree, with CRLF, tabs and NUL.
fn big_value() -> String {
    let unit = "👩‍🔬 Zoë Jose\u{301} met Kerry\r\nin 東京, then مصر 🇫🇷\twith \"Anaïs\" \\ \u{0}.\n";
    let mut value = String::new();
    let mut i = 0;
    while value.len() < 3 * 1024 * 1024 {
        value.push_str(&i.to_string());
        value.push_str(unit);
        i += 1;
    }
    value
}

fn js(code: &str) {
    js_sys::eval(code).expect("test JS runs");
}

/// Starts every test from an empty database, whatever an earlier run left.
async fn fresh(name: &str) -> Store {
    let store = Store::open(name).await.expect("IndexedDB opens");
    store.clear().await.expect("clear");
    store
}

#[wasm_bindgen_test]
async fn round_trip_of_large_values_keys_delete_and_clear() {
    let store = fresh("spanlight-test-roundtrip").await;
    let big = big_value();
    store.put("doc/1", &big).await.expect("put big");
    store.put("doc/0", "small").await.expect("put small");
    assert_eq!(store.get("doc/1").await.unwrap().as_deref(), Some(&*big));
    assert_eq!(store.get("doc/0").await.unwrap().as_deref(), Some("small"));
    assert_eq!(store.get("missing").await.unwrap(), None);
    assert_eq!(store.keys().await.unwrap(), vec!["doc/0", "doc/1"]);

    store.put("doc/0", "").await.expect("overwrite with empty");
    assert_eq!(store.get("doc/0").await.unwrap().as_deref(), Some(""));
    store.delete("doc/1").await.expect("delete");
    store
        .delete("never-there")
        .await
        .expect("deleting a missing key is fine");
    assert_eq!(store.keys().await.unwrap(), vec!["doc/0"]);
    assert_eq!(store.get("doc/1").await.unwrap(), None);

    store.clear().await.expect("clear");
    assert!(store.keys().await.unwrap().is_empty());
}

#[wasm_bindgen_test]
async fn a_second_open_sees_the_data_as_a_reload_would() {
    let big = big_value();
    let first = fresh("spanlight-test-reopen").await;
    first
        .put_many(
            &[
                ("workspace".to_string(), big.clone()),
                ("labels".to_string(), "PERSON\r\nPLACE".to_string()),
            ],
            &[],
        )
        .await
        .expect("put_many");

    // Both open at once, as with two tabs.
    let second = Store::open("spanlight-test-reopen").await.expect("reopen");
    assert_eq!(second.keys().await.unwrap(), vec!["labels", "workspace"]);
    assert_eq!(
        second.get("workspace").await.unwrap().as_deref(),
        Some(&*big)
    );
    second.put("labels", "PLACE").await.unwrap();
    assert_eq!(first.get("labels").await.unwrap().as_deref(), Some("PLACE"));

    // After the first connection is gone, as after a reload.
    drop(first);
    drop(second);
    let third = Store::open("spanlight-test-reopen")
        .await
        .expect("open again");
    assert_eq!(
        third.get("workspace").await.unwrap().as_deref(),
        Some(&*big)
    );
    assert_eq!(third.get("labels").await.unwrap().as_deref(), Some("PLACE"));
}

#[wasm_bindgen_test]
async fn put_many_is_all_or_nothing() {
    let store = fresh("spanlight-test-atomic").await;
    store.put("keep", "old").await.unwrap();
    store.put("gone", "still here").await.unwrap();

    // The second put inside the transaction throws; the first must be rolled back, and the
    // delete before it too.
    js("window.__origPut = IDBObjectStore.prototype.put;
        window.__puts = 0;
        IDBObjectStore.prototype.put = function (...args) {
            window.__puts += 1;
            if (window.__puts === 2) { throw new DOMException('full', 'QuotaExceededError'); }
            return window.__origPut.apply(this, args);
        };");
    let failed = store
        .put_many(
            &[
                ("keep".to_string(), "new".to_string()),
                ("extra".to_string(), "x".to_string()),
            ],
            &["gone".to_string()],
        )
        .await;
    js("IDBObjectStore.prototype.put = window.__origPut;");
    assert!(matches!(failed, Err(StorageError::Full(_))), "{failed:?}");
    assert_eq!(store.get("keep").await.unwrap().as_deref(), Some("old"));
    assert_eq!(
        store.get("gone").await.unwrap().as_deref(),
        Some("still here")
    );
    assert_eq!(store.get("extra").await.unwrap(), None);
    assert_eq!(store.keys().await.unwrap(), vec!["gone", "keep"]);

    // And a put_many that works applies everything, deletes first.
    store
        .put_many(
            &[
                ("keep".to_string(), "new".to_string()),
                ("gone".to_string(), "back".to_string()),
            ],
            &["gone".to_string(), "keep".to_string()],
        )
        .await
        .unwrap();
    assert_eq!(store.get("keep").await.unwrap().as_deref(), Some("new"));
    assert_eq!(store.get("gone").await.unwrap().as_deref(), Some("back"));
    store.put_many(&[], &["gone".to_string()]).await.unwrap();
    assert_eq!(store.keys().await.unwrap(), vec!["keep"]);
}

#[wasm_bindgen_test]
async fn quota_exceeded_is_reported_as_full_and_saving_resumes_after() {
    let store = fresh("spanlight-test-quota").await;
    store.put("a", "before").await.unwrap();
    js("window.__origPut = IDBObjectStore.prototype.put;
        IDBObjectStore.prototype.put = function () {
            throw new DOMException('full', 'QuotaExceededError');
        };");
    let failed = store.put("a", "after").await;
    js("IDBObjectStore.prototype.put = window.__origPut;");
    let err = failed.expect_err("the patched put fails");
    assert!(matches!(err, StorageError::Full(_)), "{err:?}");
    let message = err.to_string();
    assert!(message.contains("storage is full"), "{message}");
    assert!(message.contains("still open"), "{message}");
    assert_eq!(store.get("a").await.unwrap().as_deref(), Some("before"));

    store.put("a", "after").await.expect("saving works again");
    assert_eq!(store.get("a").await.unwrap().as_deref(), Some("after"));
}

#[wasm_bindgen_test]
async fn a_quota_error_at_commit_is_reported_as_full() {
    // Quota is often enforced when the transaction commits: the request succeeds and the
    // transaction aborts with QuotaExceededError. Simulate that abort from inside put.
    let store = fresh("spanlight-test-quota-commit").await;
    js("window.__origPut = IDBObjectStore.prototype.put;
        IDBObjectStore.prototype.put = function (...args) {
            const request = window.__origPut.apply(this, args);
            const tx = this.transaction;
            Object.defineProperty(tx, 'error', {
                value: new DOMException('full at commit', 'QuotaExceededError'),
            });
            tx.abort();
            return request;
        };");
    let failed = store.put("a", "value").await;
    js("IDBObjectStore.prototype.put = window.__origPut;");
    assert!(matches!(failed, Err(StorageError::Full(_))), "{failed:?}");
    assert_eq!(store.get("a").await.unwrap(), None);
}

#[wasm_bindgen_test]
async fn a_blocked_indexeddb_is_reported_as_unavailable() {
    js("window.__origOpen = IDBFactory.prototype.open;
        IDBFactory.prototype.open = function () {
            throw new DOMException('denied', 'SecurityError');
        };");
    let failed = Store::open("spanlight-test-unavailable").await;
    js("IDBFactory.prototype.open = window.__origOpen;");
    let err = failed.err().expect("the patched open fails");
    assert!(matches!(err, StorageError::Unavailable(_)), "{err:?}");
    assert!(err.to_string().contains("SecurityError"), "{err}");

    // An open that fails asynchronously (request error event) is Unavailable too.
    js("window.__origOpen = IDBFactory.prototype.open;
        IDBFactory.prototype.open = function () {
            const request = window.__origOpen.call(this, 'spanlight-test-unavailable-2', 1);
            request.addEventListener('upgradeneeded', () => request.transaction.abort());
            return request;
        };");
    let failed = Store::open("spanlight-test-unavailable-2").await;
    js("IDBFactory.prototype.open = window.__origOpen;");
    assert!(
        matches!(failed, Err(StorageError::Unavailable(_))),
        "{:?}",
        failed.err()
    );

    // No indexedDB at all (some private modes): Unavailable, not a panic.
    js(
        "window.__origIdb = Object.getOwnPropertyDescriptor(window, 'indexedDB')
            || Object.getOwnPropertyDescriptor(Window.prototype, 'indexedDB');
        Object.defineProperty(window, 'indexedDB', { configurable: true, get: () => undefined });",
    );
    let failed = Store::open("spanlight-test-unavailable-3").await;
    js("delete window.indexedDB;
        if (!('indexedDB' in window)) { Object.defineProperty(window, 'indexedDB', window.__origIdb); }");
    assert!(
        matches!(failed, Err(StorageError::Unavailable(_))),
        "{:?}",
        failed.err()
    );
    Store::open("spanlight-test-unavailable-3")
        .await
        .expect("indexedDB is back");
}

#[wasm_bindgen_test]
async fn a_database_deleted_elsewhere_makes_later_saves_unavailable() {
    // Another tab deleting (or upgrading) the database closes our connection instead of
    // being blocked by it; our next save then says so plainly.
    let store = fresh("spanlight-test-closed").await;
    store.put("a", "1").await.unwrap();
    let deleted = js_sys::eval(
        "new Promise((resolve, reject) => {
            const request = indexedDB.deleteDatabase('spanlight-test-closed');
            request.onsuccess = () => resolve('deleted');
            request.onerror = () => reject(request.error);
            request.onblocked = () => reject('blocked');
        })",
    )
    .unwrap();
    let outcome = JsFuture::from(deleted.unchecked_into::<js_sys::Promise>()).await;
    assert_eq!(outcome, Ok(JsValue::from_str("deleted")));
    let failed = store.put("a", "2").await;
    assert!(
        matches!(failed, Err(StorageError::Unavailable(_))),
        "{failed:?}"
    );
    // Opening again starts a fresh, empty database.
    let again = Store::open("spanlight-test-closed").await.unwrap();
    assert!(again.keys().await.unwrap().is_empty());
}

/// Waits (up to about 5 s) until `done` holds.
async fn until(done: impl Fn() -> bool) {
    for _ in 0..500 {
        if done() {
            return;
        }
        gloo::timers::future::TimeoutFuture::new(10).await;
    }
    panic!("timed out waiting");
}

fn workspace_of(texts: &[&str]) -> Workspace {
    let mut ws = Workspace::default();
    ws.apply(WorkspaceAction::Add(
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| (format!("doc {i}"), Document::new(t)))
            .collect(),
    ));
    ws
}

/// What a reload must give back: ids, names and documents, in order.
fn kept(ws: &Workspace) -> Vec<(u64, String, Document)> {
    ws.entries()
        .iter()
        .map(|e| (e.id, e.editor.name.clone(), e.editor.doc.clone()))
        .collect()
}

#[wasm_bindgen_test]
async fn a_reload_reads_every_record_in_one_transaction() {
    let store = fresh("spanlight-test-restore").await;
    // 600 documents: 1,201 records, two pages of reading and two steps of rebuilding.
    let texts: Vec<String> = (0..600)
        .map(|i| format!("Kerry met Lavrov {i} times."))
        .collect();
    let ws = workspace_of(&texts.iter().map(String::as_str).collect::<Vec<_>>());
    let writes = SaveLog::default().writes(&ws);
    store.put_many(&writes.put, &writes.delete).await.unwrap();
    js("window.__origTx = IDBDatabase.prototype.transaction;
        window.__txs = 0;
        IDBDatabase.prototype.transaction = function (...args) {
            window.__txs += 1;
            return window.__origTx.apply(this, args);
        };");
    let loaded = autosave::load(&store).await;
    let txs = js_sys::eval("window.__txs").unwrap().as_f64();
    js("IDBDatabase.prototype.transaction = window.__origTx;");
    let (back, problems, _) = loaded.unwrap().expect("a saved workspace");
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(kept(&back), kept(&ws));
    assert_eq!(back.current(), ws.current());
    assert_eq!(txs, Some(1.0), "one transaction for 600 documents");
    // An empty store is no saved workspace, not an error.
    store.clear().await.unwrap();
    assert!(autosave::load(&store).await.unwrap().is_none());
}

#[wasm_bindgen_test]
async fn storage_failing_mid_save_keeps_the_last_saved_state_and_says_so() {
    const DB: &str = "spanlight-test-midwrite";
    fresh(DB).await.clear().await.unwrap();
    let states: Rc<RefCell<Vec<SaveState>>> = Rc::default();
    let saver = Rc::new(Autosave::default());
    let seen = states.clone();
    let onstate = Callback::from(move |s| seen.borrow_mut().push(s));
    saver
        .clone()
        .start_in(DB, Callback::from(|_| {}), onstate.clone());
    until(|| states.borrow().contains(&SaveState::Saved)).await;

    let saved = workspace_of(&["Kerry met Lavrov.", "Merkel visited Ankara."]);
    states.borrow_mut().clear();
    saver.clone().save(Rc::new(saved.clone()), onstate.clone());
    until(|| states.borrow().last() == Some(&SaveState::Saved)).await;

    // The next save fails at its second write, as when the quota is reached part way.
    let mut changed = saved.clone();
    changed.apply(WorkspaceAction::Rename(0, "renamed".into()));
    changed.apply(WorkspaceAction::Add(vec![(
        "third".into(),
        Document::new("Paris"),
    )]));
    js("window.__origPut = IDBObjectStore.prototype.put;
        window.__puts = 0;
        IDBObjectStore.prototype.put = function (...args) {
            window.__puts += 1;
            if (window.__puts === 2) { throw new DOMException('full', 'QuotaExceededError'); }
            return window.__origPut.apply(this, args);
        };");
    states.borrow_mut().clear();
    saver.clone().save(Rc::new(changed), onstate.clone());
    until(|| matches!(states.borrow().last(), Some(SaveState::Failed(_)))).await;
    js("IDBObjectStore.prototype.put = window.__origPut;");
    let Some(SaveState::Failed(message)) = states.borrow().last().cloned() else {
        unreachable!()
    };
    assert!(message.contains("storage is full"), "{message}");
    assert!(message.contains("saved before is intact"), "{message}");

    // What a reload finds: the state saved before, whole.
    let store = Store::open(DB).await.unwrap();
    let (back, problems, _) = autosave::load(&store).await.unwrap().expect("saved");
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(kept(&back), kept(&saved));
}

#[wasm_bindgen_test]
async fn reading_everything_back_goes_in_pages_and_loses_nothing() {
    let store = fresh("spanlight-test-pages").await;
    // 1,200 short records, then 30 long ones as a long text's parts are: more than a page of
    // records, then more than a page of text. Keys whose text order is not their number's.
    let mut records: Vec<(String, String)> = (0..1200)
        .map(|i| (format!("doc:{i}"), format!("value {i} Zoë 東京")))
        .collect();
    records.extend((0..30).map(|i| {
        (
            format!("part:{i}"),
            format!("{i:02}{}", "é".repeat(250_000)),
        )
    }));
    store.put_many(&records, &[]).await.unwrap();
    js("window.__origGetAll = IDBObjectStore.prototype.getAll;
        window.__pages = [];
        IDBObjectStore.prototype.getAll = function (...args) {
            window.__pages.push(args[1]);
            return window.__origGetAll.apply(this, args);
        };
        window.__origTx = IDBDatabase.prototype.transaction;
        window.__txs = 0;
        IDBDatabase.prototype.transaction = function (...args) {
            window.__txs += 1;
            return window.__origTx.apply(this, args);
        };");
    let back = store.get_all().await;
    let pages: Vec<usize> = js_sys::eval("window.__pages.join(',')")
        .unwrap()
        .as_string()
        .unwrap()
        .split(',')
        .map(|n| n.parse().unwrap())
        .collect();
    let txs = js_sys::eval("window.__txs").unwrap().as_f64();
    js("IDBObjectStore.prototype.getAll = window.__origGetAll;
        IDBDatabase.prototype.transaction = window.__origTx;");
    let back = back.unwrap();
    let mut expected = records.clone();
    expected.sort();
    assert_eq!(back.len(), 1230, "nothing lost");
    assert!(back == expected, "every record, in key order");
    assert_eq!(txs, Some(1.0), "the pages are one snapshot");
    // What each page brought: at most 1,000 records and about 2 million characters, so no
    // page holds the page for long (the long records, 250,000 characters, 8 at a time).
    let mut at = 0;
    for &count in &pages {
        assert!((1..=1000).contains(&count), "{pages:?}");
        let page = &expected[at.min(expected.len())..(at + count).min(expected.len())];
        let chars: usize = page.iter().map(|(_, v)| v.encode_utf16().count()).sum();
        assert!(
            chars <= 2_000_000,
            "a page of {chars} characters: {pages:?}"
        );
        at += count;
    }
    assert!(pages.len() <= 10, "{pages:?}");
}

/// A saved workspace of two documents, plus records nothing refers to: another document's
/// text and record that the index does not list, and a part of a text none has.
async fn saved_with_strays(db: &str) -> (Store, Workspace, Vec<String>) {
    let store = fresh(db).await;
    let ws = workspace_of(&["Kerry met Lavrov.", "Merkel visited Ankara."]);
    let writes = SaveLog::default().writes(&ws);
    store.put_many(&writes.put, &writes.delete).await.unwrap();
    let strays = vec![
        "text:9000".to_string(),
        "doc:9000".to_string(),
        format!("part:{}:00000000000000ab:0", ws.entries()[0].id),
    ];
    let records: Vec<(String, String)> = strays.iter().map(|k| (k.clone(), "x".into())).collect();
    store.put_many(&records, &[]).await.unwrap();
    (store, ws, strays)
}

/// Autosave started on `db`, sweeping `ms` after the start; what it has said, once it has
/// read the store back.
async fn started_sweeping_after(db: &'static str, ms: u32) -> Rc<RefCell<Vec<SaveState>>> {
    let states: Rc<RefCell<Vec<SaveState>>> = Rc::default();
    let seen = states.clone();
    Rc::new(Autosave::default().sweeping_after(ms)).start_in(
        db,
        Callback::from(|_| {}),
        Callback::from(move |s| seen.borrow_mut().push(s)),
    );
    until(|| states.borrow().contains(&SaveState::Saved)).await;
    states
}

#[wasm_bindgen_test]
async fn records_nothing_refers_to_are_swept_after_the_start_and_the_workspace_stays() {
    const DB: &str = "spanlight-test-sweep";
    let (store, ws, strays) = saved_with_strays(DB).await;
    started_sweeping_after(DB, 50).await;
    let mut gone = false;
    for _ in 0..100 {
        let keys = store.keys().await.unwrap();
        gone = strays.iter().all(|k| !keys.contains(k));
        if gone {
            break;
        }
        gloo::timers::future::TimeoutFuture::new(20).await;
    }
    assert!(gone, "the strays were swept");
    let (back, problems, _) = autosave::load(&store).await.unwrap().expect("saved");
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(kept(&back), kept(&ws));
}

#[wasm_bindgen_test]
async fn nothing_is_swept_once_another_tab_has_saved() {
    const DB: &str = "spanlight-test-sweep-elsewhere";
    let (store, _, strays) = saved_with_strays(DB).await;
    let states = started_sweeping_after(DB, 300).await;
    // Another tab says it saved (a save of its own may have been under way at the start).
    js("new BroadcastChannel('spanlight-autosave').postMessage(0.5)");
    until(|| states.borrow().contains(&SaveState::Elsewhere)).await;
    gloo::timers::future::TimeoutFuture::new(600).await;
    let keys = store.keys().await.unwrap();
    assert!(strays.iter().all(|k| keys.contains(k)), "{keys:?}");
}
