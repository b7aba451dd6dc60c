//! Durable browser storage for autosave: a small async key-value store (text keys, text values)
//! over IndexedDB, so every change survives a reload, a closed tab or a crash.
//!
//! Every JS failure becomes a [`StorageError`] (a panic would kill the page), and writes resolve
//! only when their transaction has committed, so "saved" means saved. Callbacks become futures
//! through promises whose own `resolve`/`reject` functions are the event handlers: no Rust
//! closure is created per call, so nothing leaks however often the app saves.

use std::borrow::Cow;
use std::fmt;
use std::rc::Rc;

use js_sys::{Array, Function, JsString, Promise, Reflect};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    IdbDatabase, IdbKeyRange, IdbObjectStore, IdbOpenDbRequest, IdbRequest, IdbTransaction,
    IdbTransactionMode,
};

use super::task_clock::TaskClock;
use crate::core::read_pages::PageSizer;

/// The one object store; its name is part of the saved format, so it never changes.
const STORE: &str = "kv";
/// Bump only together with a migration in the upgrade handler.
const VERSION: u32 = 1;

/// Why the browser could not keep the data. The app shows [`Display`](fmt::Display) to the
/// user as is; the work in memory is untouched whichever it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageError {
    /// No storage at all here: private browsing, blocked site data, no IndexedDB, or the
    /// database was closed under us (another tab upgraded or deleted it).
    Unavailable(String),
    /// The browser refused to store more (quota exceeded).
    Full(String),
    /// Anything else, with the browser's own error name and message.
    Failed(String),
}

impl fmt::Display for StorageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const KEEP: &str = "Your work is still open in this page; export it to keep a copy.";
        match self {
            StorageError::Unavailable(detail) => write!(
                f,
                "This browser does not let spanlight save here (private browsing, blocked site \
                 data or another tab), so changes are not being saved. {KEEP} ({detail})"
            ),
            StorageError::Full(detail) => write!(
                f,
                "The browser's storage is full (quota exceeded), so the latest changes were not \
                 saved. {KEEP} Freeing space (for example other sites' data) lets saving resume. \
                 ({detail})"
            ),
            StorageError::Failed(detail) => {
                write!(f, "Saving in the browser failed: {detail}. {KEEP}")
            }
        }
    }
}

impl std::error::Error for StorageError {}

/// The `name` and `message` of a thrown value; DOMExceptions and JS errors both have them.
fn describe(err: &JsValue) -> (String, String) {
    if err.is_object() {
        let field = |key: &str| {
            Reflect::get(err, &JsValue::from_str(key))
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_default()
        };
        (field("name"), field("message"))
    } else {
        let text = err.as_string().unwrap_or_else(|| format!("{err:?}"));
        (String::new(), text)
    }
}

fn detail(name: &str, message: &str) -> String {
    match (name.is_empty(), message.is_empty()) {
        (true, true) => "no details given".to_string(),
        (true, false) => message.to_string(),
        (false, true) => name.to_string(),
        (false, false) => format!("{name}: {message}"),
    }
}

/// Errors while reading or writing an open database.
fn op_error(err: &JsValue) -> StorageError {
    let (name, message) = describe(err);
    let text = detail(&name, &message);
    match name.as_str() {
        "QuotaExceededError" => StorageError::Full(text),
        // A closed connection (versionchange, site data cleared) or storage switched off.
        "InvalidStateError" | "SecurityError" | "NotAllowedError" => {
            StorageError::Unavailable(text)
        }
        _ => StorageError::Failed(text),
    }
}

/// Errors while opening: whatever stops the open leaves us without storage.
fn open_error(err: &JsValue) -> StorageError {
    match op_error(err) {
        full @ StorageError::Full(_) => full,
        StorageError::Unavailable(text) | StorageError::Failed(text) => {
            StorageError::Unavailable(text)
        }
    }
}

/// A promise whose settle functions are installed by `install`, so the browser calls them
/// directly: a dropped future leaves nothing dangling.
async fn settle(install: &dyn Fn(&Function, &Function)) -> Result<JsValue, JsValue> {
    let promise = Promise::new(&mut |resolve, reject| install(&resolve, &reject));
    JsFuture::from(promise).await
}

/// The result of a read request, or its error.
async fn request_result(request: &IdbRequest) -> Result<JsValue, StorageError> {
    request_outcome(request, listen(request)).await
}

/// A future of `request`'s outcome, listening from now on: call it right after making the
/// request, before awaiting anything, or the event may come and go unheard.
fn listen(request: &IdbRequest) -> JsFuture {
    JsFuture::from(Promise::new(&mut |resolve, reject| {
        request.set_onsuccess(Some(&resolve));
        request.set_onerror(Some(&reject));
    }))
}

/// `request`'s result once `heard` (from [`listen`]) settles, or its error.
async fn request_outcome(request: &IdbRequest, heard: JsFuture) -> Result<JsValue, StorageError> {
    let outcome = heard.await;
    request.set_onsuccess(None);
    request.set_onerror(None);
    match outcome {
        Ok(_) => request.result().map_err(|e| op_error(&e)),
        Err(_) => Err(match request.error() {
            Ok(Some(error)) => op_error(&error.into()),
            _ => StorageError::Failed("the browser gave no reason".to_string()),
        }),
    }
}

/// Waits until `tx` has committed: a request's success only means it was queued, and quota
/// is often enforced at commit.
async fn committed(tx: &IdbTransaction) -> Result<(), StorageError> {
    let outcome = settle(&|resolve, reject| {
        tx.set_oncomplete(Some(resolve));
        tx.set_onabort(Some(reject));
    })
    .await;
    tx.set_oncomplete(None);
    tx.set_onabort(None);
    match outcome {
        Ok(_) => Ok(()),
        Err(_) => Err(match tx.error() {
            Some(error) => op_error(&error.into()),
            None => StorageError::Failed("the save was cancelled".to_string()),
        }),
    }
}

/// The requests for one page of keys and values, listening from when they were made.
struct Page {
    /// How many records were asked for: fewer came only at the end of the store.
    count: u32,
    keys: (IdbRequest, JsFuture),
    values: (IdbRequest, JsFuture),
}

/// Asks for the next `count` keys and values after `after` (from the first when `None`);
/// fails when the transaction is no longer active.
fn read_page(
    store: &IdbObjectStore,
    after: Option<&JsValue>,
    count: usize,
) -> Result<Page, JsValue> {
    let range = match after {
        Some(key) => IdbKeyRange::lower_bound_with_open(key, true)?.into(),
        None => JsValue::UNDEFINED,
    };
    let count = u32::try_from(count).unwrap_or(u32::MAX).max(1);
    let keys = store.get_all_keys_with_key_and_limit(&range, count)?;
    let keys_heard = listen(&keys);
    let values = store.get_all_with_key_and_limit(&range, count)?;
    let values_heard = listen(&values);
    Ok(Page {
        count,
        keys: (keys, keys_heard),
        values: (values, values_heard),
    })
}

impl Page {
    async fn outcome(self) -> Result<(Array, Array), StorageError> {
        let list = |v: JsValue| {
            v.dyn_into::<Array>()
                .map_err(|_| StorageError::Failed("the browser returned no list".to_string()))
        };
        let keys = list(request_outcome(&self.keys.0, self.keys.1).await?)?;
        let values = list(request_outcome(&self.values.0, self.values.1).await?)?;
        if keys.length() != values.length() {
            return Err(StorageError::Failed(
                "the browser returned keys and values that do not match".to_string(),
            ));
        }
        Ok((keys, values))
    }
}

struct Inner {
    db: IdbDatabase,
    /// Closes our connection when another tab upgrades or deletes the database, so we never
    /// block it; later calls then fail as `Unavailable`.
    _on_version_change: Closure<dyn FnMut()>,
}

impl Drop for Inner {
    fn drop(&mut self) {
        self.db.set_onversionchange(None);
        self.db.close();
    }
}

/// A handle on one IndexedDB database; clones share the connection, which closes with the last.
#[derive(Clone)]
pub struct Store {
    inner: Rc<Inner>,
}

impl Store {
    /// Opens (creating on first use) the database `db_name`. Call once at startup and share
    /// the handle: each open is a new connection.
    pub async fn open(db_name: &str) -> Result<Store, StorageError> {
        let window = web_sys::window()
            .ok_or_else(|| StorageError::Unavailable("there is no browser window".to_string()))?;
        let factory = match window.indexed_db() {
            Ok(Some(factory)) => factory,
            Ok(None) => {
                return Err(StorageError::Unavailable(
                    "this browser has no IndexedDB".to_string(),
                ))
            }
            Err(e) => return Err(open_error(&e)),
        };
        let request: IdbOpenDbRequest = factory
            .open_with_u32(db_name, VERSION)
            .map_err(|e| open_error(&e))?;

        // The store must be created inside the upgrade event itself, hence a Rust closure;
        // it lives only as long as this open.
        let for_upgrade = request.clone();
        let upgrade = Closure::<dyn FnMut()>::new(move || {
            if let Ok(db) = for_upgrade
                .result()
                .and_then(|r| r.dyn_into::<IdbDatabase>())
            {
                if !db.object_store_names().contains(STORE) {
                    // A failure here aborts the upgrade, and the open reports it.
                    let _ = db.create_object_store(STORE);
                }
            }
        });
        request.set_onupgradeneeded(Some(upgrade.as_ref().unchecked_ref()));
        let outcome = settle(&|resolve, reject| {
            request.set_onsuccess(Some(resolve));
            request.set_onerror(Some(reject));
            request.set_onblocked(Some(reject));
        })
        .await;
        request.set_onsuccess(None);
        request.set_onerror(None);
        request.set_onblocked(None);

        if let Err(event) = outcome {
            let kind = Reflect::get(&event, &JsValue::from_str("type"))
                .ok()
                .and_then(|t| t.as_string());
            if kind.as_deref() == Some("blocked") {
                // The open is still pending and may upgrade later: keep its handler (one
                // closure, only on this rare path) so the store is still created then.
                upgrade.forget();
                return Err(StorageError::Unavailable(
                    "another tab holds an older version of the saved data open; close it and \
                     reload"
                        .to_string(),
                ));
            }
            request.set_onupgradeneeded(None);
            return Err(match request.error() {
                Ok(Some(error)) => open_error(&error.into()),
                _ => StorageError::Unavailable("the browser gave no reason".to_string()),
            });
        }
        request.set_onupgradeneeded(None);
        drop(upgrade);

        let db: IdbDatabase = request
            .result()
            .and_then(|r| r.dyn_into::<IdbDatabase>())
            .map_err(|e| open_error(&e))?;
        if !db.object_store_names().contains(STORE) {
            db.close();
            return Err(StorageError::Unavailable(
                "the saved data has an unexpected layout".to_string(),
            ));
        }
        let to_close = db.clone();
        let on_version_change = Closure::<dyn FnMut()>::new(move || to_close.close());
        db.set_onversionchange(Some(on_version_change.as_ref().unchecked_ref()));
        Ok(Store {
            inner: Rc::new(Inner {
                db,
                _on_version_change: on_version_change,
            }),
        })
    }

    fn transaction(
        &self,
        mode: IdbTransactionMode,
    ) -> Result<(IdbTransaction, IdbObjectStore), StorageError> {
        let tx = self
            .inner
            .db
            .transaction_with_str_and_mode(STORE, mode)
            .map_err(|e| op_error(&e))?;
        let store = tx.object_store(STORE).map_err(|e| op_error(&e))?;
        Ok((tx, store))
    }

    /// Runs `write` in one read-write transaction and waits for the commit; if `write` throws,
    /// the transaction is aborted so none of it lands.
    async fn write(
        &self,
        write: impl FnOnce(&IdbObjectStore) -> Result<(), JsValue>,
    ) -> Result<(), StorageError> {
        let (tx, store) = self.transaction(IdbTransactionMode::Readwrite)?;
        if let Err(e) = write(&store) {
            let _ = tx.abort();
            return Err(op_error(&e));
        }
        committed(&tx).await
    }

    /// Stores `value` under `key`; resolves once it is committed.
    pub async fn put(&self, key: &str, value: &str) -> Result<(), StorageError> {
        self.write(|store| {
            store
                .put_with_key(&JsValue::from_str(value), &JsValue::from_str(key))
                .map(drop)
        })
        .await
    }

    /// Deletes `delete`, then writes `entries`, all or nothing (a key in both ends up written).
    pub async fn put_many(
        &self,
        entries: &[(String, String)],
        delete: &[String],
    ) -> Result<(), StorageError> {
        self.write(|store| {
            for key in delete {
                store.delete(&JsValue::from_str(key))?;
            }
            for (key, value) in entries {
                store.put_with_key(&JsValue::from_str(value), &JsValue::from_str(key))?;
            }
            Ok(())
        })
        .await
    }

    /// Writes the entries `entries` gives (until it gives no more) in one transaction;
    /// resolves once it is committed. The entries are made as they are written, so a caller
    /// can stop giving them when a task has run long enough.
    pub async fn put_each<'a>(
        &self,
        entries: impl Iterator<Item = (&'a str, Cow<'a, str>)>,
    ) -> Result<(), StorageError> {
        self.write(|store| {
            for (key, value) in entries {
                store.put_with_key(&JsValue::from_str(&value), &JsValue::from_str(key))?;
            }
            Ok(())
        })
        .await
    }

    /// The value under `key`, if any.
    pub async fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        let (_tx, store) = self.transaction(IdbTransactionMode::Readonly)?;
        let request = store
            .get(&JsValue::from_str(key))
            .map_err(|e| op_error(&e))?;
        let value = request_result(&request).await?;
        if value.is_undefined() {
            return Ok(None);
        }
        value.as_string().map(Some).ok_or_else(|| {
            StorageError::Failed(format!("the value saved under {key:?} is not text"))
        })
    }

    /// Every text key and its value, in key order, read in pages (see
    /// [`Store::for_each_page`]).
    pub async fn get_all(&self) -> Result<Vec<(String, String)>, StorageError> {
        let mut all = Vec::new();
        self.for_each_page(|page| all.extend(page)).await?;
        Ok(all)
    }

    /// Hands every text key and its value to `take`, in key order, a page at a time (each
    /// page's keys and values are two requests), in slices of a task's work. A page holds
    /// about two million characters ([`PageSizer`], judged from the keys that follow and the
    /// records read so far): the browser makes a page's values in one task, and a page of a
    /// long article's parts, a thousand records of 20 MB, held the page for 170 ms. The next
    /// page is asked for as soon as one arrives, before `take` sees it, so the pages share one
    /// transaction (a consistent snapshot) and the browser reads on while the page works on
    /// what came; should the transaction have closed, the next page continues in a new one,
    /// after the last key read.
    pub async fn for_each_page(
        &self,
        mut take: impl FnMut(Vec<(String, String)>),
    ) -> Result<(), StorageError> {
        let (_tx, mut store) = self.transaction(IdbTransactionMode::Readonly)?;
        // The keys alone first (short, and quick to read), to size the pages by.
        let all_keys = store.get_all_keys().map_err(|e| op_error(&e))?;
        let all_keys: Vec<String> = match request_result(&all_keys).await?.dyn_into::<Array>() {
            Ok(keys) => keys.iter().filter_map(|k| k.as_string()).collect(),
            Err(_) => Vec::new(),
        };
        let mut sizer = PageSizer::default();
        let mut at = 0;
        let next_count = |sizer: &PageSizer, at: usize| {
            sizer.page_of(all_keys.iter().skip(at).map(|k| k.as_str()))
        };
        let mut page = match read_page(&store, None, next_count(&sizer, at)) {
            Ok(page) => page,
            Err(_) => {
                store = self.transaction(IdbTransactionMode::Readonly)?.1;
                read_page(&store, None, next_count(&sizer, at)).map_err(|e| op_error(&e))?
            }
        };
        loop {
            let count = page.count;
            let (keys, values) = page.outcome().await?;
            let n = keys.length();
            for (k, v) in keys.iter().zip(values.iter()) {
                if let (Some(k), Some(v)) = (k.as_string(), v.dyn_ref::<JsString>()) {
                    sizer.learn(&k, v.length() as usize);
                }
            }
            at += n as usize;
            let next = if n < count {
                None
            } else {
                let after = keys.get(n - 1);
                let count = next_count(&sizer, at);
                Some(match read_page(&store, Some(&after), count) {
                    Ok(page) => page,
                    // The transaction ended between pages: go on in a new one.
                    Err(_) => {
                        store = self.transaction(IdbTransactionMode::Readonly)?.1;
                        read_page(&store, Some(&after), count).map_err(|e| op_error(&e))?
                    }
                })
            };
            // Copied into wasm a task's share at a time.
            let mut records = keys.iter().zip(values.iter()).peekable();
            while records.peek().is_some() {
                let clock = TaskClock::start();
                let mut slice = Vec::new();
                for (k, v) in records.by_ref() {
                    // Keys or values that are not text were not written by us; skip them.
                    if let (Some(k), Some(v)) = (k.as_string(), v.as_string()) {
                        slice.push((k, v));
                    }
                    if clock.is_up() {
                        break;
                    }
                }
                take(slice);
                if records.peek().is_some() {
                    gloo::timers::future::TimeoutFuture::new(0).await;
                }
            }
            match next {
                Some(next) => page = next,
                None => return Ok(()),
            }
        }
    }

    /// All keys, in IndexedDB order (sorted by UTF-16 code units).
    pub async fn keys(&self) -> Result<Vec<String>, StorageError> {
        let (_tx, store) = self.transaction(IdbTransactionMode::Readonly)?;
        let request = store.get_all_keys().map_err(|e| op_error(&e))?;
        let keys = request_result(&request).await?;
        let keys: Array = keys
            .dyn_into()
            .map_err(|_| StorageError::Failed("the browser returned no key list".to_string()))?;
        // Keys that are not text were not written by us; skip them.
        Ok(keys.iter().filter_map(|k| k.as_string()).collect())
    }

    /// Removes `key` (no error if it is absent); resolves once committed.
    pub async fn delete(&self, key: &str) -> Result<(), StorageError> {
        self.write(|store| store.delete(&JsValue::from_str(key)).map(drop))
            .await
    }

    /// Removes every key; resolves once committed.
    pub async fn clear(&self) -> Result<(), StorageError> {
        self.write(|store| store.clear().map(drop)).await
    }
}
