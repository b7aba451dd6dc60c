//! The Python package's native module (`spanlight._spanlight`): the recogniser and the formats
//! over Python strings. Python string offsets are code points, as spanlight's own are, so spans
//! pass through unconverted. Every bad input is a `ValueError`; batches run without the GIL.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

use spanlight::core::formats::{self, Format};
use spanlight::core::recognizer::{self, Recognizer};

/// `(start, end, label)` in code points.
type Found = (usize, usize, String);

/// Documents handed to a thread at a time: small enough to even out long and short texts.
const BLOCK: usize = 16;

fn find(text: &str, model: Option<&Recognizer>) -> Vec<Found> {
    let spans = match model {
        Some(m) => m.recognize(text),
        None => recognizer::recognize(text),
    };
    spans
        .into_iter()
        .map(|s| (s.start, s.end, s.label.to_string()))
        .collect()
}

/// [`find`] over every text, in order, on up to `threads` threads taking blocks as they go.
fn find_all(
    texts: &[String],
    threads: usize,
    model: Option<&Recognizer>,
) -> Result<Vec<Vec<Found>>, String> {
    let blocks: Vec<&[String]> = texts.chunks(BLOCK).collect();
    let threads = threads.min(blocks.len()).max(1);
    if threads == 1 {
        return Ok(texts.iter().map(|t| find(t, model)).collect());
    }
    let next = AtomicUsize::new(0);
    let mut done: Vec<(usize, Vec<Vec<Found>>)> = thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let b = next.fetch_add(1, Ordering::Relaxed);
                        let Some(block) = blocks.get(b) else { break };
                        mine.push((b, block.iter().map(|t| find(t, model)).collect()));
                    }
                    mine
                })
            })
            .collect();
        let mut all = Vec::with_capacity(blocks.len());
        for w in workers {
            all.extend(
                w.join()
                    .map_err(|_| "the recogniser failed (a bug: please report it)")?,
            );
        }
        Ok::<_, String>(all)
    })?;
    done.sort_unstable_by_key(|(b, _)| *b);
    Ok(done.into_iter().flat_map(|(_, found)| found).collect())
}

fn thread_count(threads: Option<usize>) -> PyResult<usize> {
    match threads {
        Some(0) => Err(PyValueError::new_err("threads must be at least 1")),
        Some(n) => Ok(n),
        None => Ok(thread::available_parallelism().map_or(1, |n| n.get())),
    }
}

fn batch(
    py: Python<'_>,
    texts: Vec<String>,
    threads: Option<usize>,
    model: Option<&Recognizer>,
) -> PyResult<Vec<Vec<Found>>> {
    let threads = thread_count(threads)?;
    py.detach(|| find_all(&texts, threads, model))
        .map_err(PyValueError::new_err)
}

/// A learned model (a `spanlight learn` or `spanlight train` file, of any labels) to recognise
/// with instead of the shipped one.
#[pyclass(frozen, module = "spanlight")]
struct Model {
    model: Arc<Recognizer>,
}

#[pymethods]
impl Model {
    /// Reads a model file; `ValueError` if it is not one.
    #[staticmethod]
    fn load(path: PathBuf) -> PyResult<Model> {
        let bytes = std::fs::read(&path)?;
        let model = Recognizer::from_bytes(&bytes)
            .map_err(|e| PyValueError::new_err(format!("{}: {e}", path.display())))?;
        Ok(Model {
            model: Arc::new(model),
        })
    }

    /// `[(start, end, label)]` in Python string offsets.
    fn recognize(&self, text: &str) -> Vec<Found> {
        find(text, Some(&self.model))
    }

    #[pyo3(signature = (texts, threads=None))]
    fn recognize_batch(
        &self,
        py: Python<'_>,
        texts: Vec<String>,
        threads: Option<usize>,
    ) -> PyResult<Vec<Vec<Found>>> {
        batch(py, texts, threads, Some(&self.model))
    }
}

/// `[(start, end, label)]` in Python string offsets, with the embedded model.
#[pyfunction]
fn recognize(text: &str) -> Vec<Found> {
    find(text, None)
}

/// [`recognize`] for every text, on `threads` threads (all cores by default), without the GIL.
#[pyfunction]
#[pyo3(signature = (texts, threads=None))]
fn recognize_batch(
    py: Python<'_>,
    texts: Vec<String>,
    threads: Option<usize>,
) -> PyResult<Vec<Vec<Found>>> {
    batch(py, texts, threads, None)
}

/// The documents of `data` written in another format: all or nothing, failing with the first
/// problem as the CLI reports it.
#[pyfunction]
#[pyo3(signature = (data, *, from_, to))]
fn convert(data: &str, from_: &str, to: &str) -> PyResult<String> {
    let format = |name: &str| {
        Format::from_name(name).ok_or_else(|| {
            let known: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
            PyValueError::new_err(format!(
                "unknown format \"{name}\" (known: {})",
                known.join(", ")
            ))
        })
    };
    let (from, to) = (format(from_)?, format(to)?);
    let records =
        formats::import_records(data, from).map_err(|e| PyValueError::new_err(e.to_string()))?;
    formats::export_records(&records, to).map_err(|e| PyValueError::new_err(e.to_string()))
}

#[pymodule]
mod _spanlight {
    #[pymodule_export]
    use super::{convert, recognize, recognize_batch, Model};

    #[pymodule_export]
    const VERSION: &str = env!("CARGO_PKG_VERSION");
}
