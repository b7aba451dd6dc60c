//! Recognising a batch of texts off the page's main thread: the job and its answer as data a
//! Web Worker can receive and send, and the worker's one parsed model kept between batches.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::Recognizer;
use crate::core::document::Span;

/// Texts to recognise with the workspace's recogniser (whose model file travels beside the
/// job, `None` for the shipped one).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RecognitionJob {
    /// Which request of the page this answers.
    pub request: u64,
    pub texts: Vec<String>,
}

/// The spans found in each text of the job, in the job's order.
pub type Found = Vec<Vec<Span>>;

/// The recogniser of the last model file seen: an import sends the same model with every
/// batch, and parsing it once per batch would cost more than the batch.
#[derive(Default)]
pub struct ModelCache {
    last: Option<(Vec<u8>, Arc<Recognizer>)>,
}

impl ModelCache {
    /// The recogniser of `file` (`None`: the shipped one); a bad file gets a reason.
    pub fn get(&mut self, file: Option<&[u8]>) -> Result<Arc<Recognizer>, String> {
        let Some(file) = file else {
            return Ok(Recognizer::shipped());
        };
        if let Some((bytes, r)) = &self.last {
            if bytes.as_slice() == file {
                return Ok(r.clone());
            }
        }
        let r = Arc::new(Recognizer::from_bytes(file).map_err(|e| e.to_string())?);
        self.last = Some((file.to_vec(), r.clone()));
        Ok(r)
    }
}

/// Recognises every text of `job`.
pub fn run_recognition(recognizer: &Recognizer, job: &RecognitionJob) -> Found {
    job.texts.iter().map(|t| recognizer.recognize(t)).collect()
}

/// Cuts `sizes` (the lengths of the texts to send, in order) into consecutive batches of at
/// most `max_docs` texts and, unless one text alone is larger, about `max_chars` characters:
/// small enough that the page applies one batch's answer within a frame, large enough that
/// messages do not dominate. Returns the end index of each batch.
pub fn batch_ends(sizes: &[usize], max_docs: usize, max_chars: usize) -> Vec<usize> {
    let mut ends = Vec::new();
    let (mut docs, mut chars) = (0, 0);
    for (i, &n) in sizes.iter().enumerate() {
        if docs > 0 && (docs >= max_docs.max(1) || chars + n > max_chars) {
            ends.push(i);
            docs = 0;
            chars = 0;
        }
        docs += 1;
        chars += n;
    }
    if docs > 0 {
        ends.push(sizes.len());
    }
    ends
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_job_finds_what_the_recogniser_finds_text_by_text() {
        let texts = vec![
            "Angela Merkel visited Paris on Monday.".to_string(),
            String::new(),
            "In Lagos, 300 people met Ngozi Okonjo-Iweala.".to_string(),
        ];
        let job = RecognitionJob { request: 7, texts };
        let job: RecognitionJob =
            serde_json::from_str(&serde_json::to_string(&job).unwrap()).unwrap();
        let r = Recognizer::shipped();
        let found = run_recognition(&r, &job);
        assert_eq!(found.len(), 3);
        assert!(found[1].is_empty());
        for (t, f) in job.texts.iter().zip(&found) {
            assert_eq!(f, &r.recognize(t));
        }
        assert!(found[0].iter().any(|s| s.label == "PERSON"));
        let back: Found = serde_json::from_str(&serde_json::to_string(&found).unwrap()).unwrap();
        assert_eq!(back, found);
    }

    #[test]
    fn the_cache_parses_a_model_once_and_refuses_bad_bytes() {
        let mut cache = ModelCache::default();
        assert!(Arc::ptr_eq(
            &cache.get(None).unwrap(),
            &Recognizer::shipped()
        ));
        let file = Recognizer::shipped().to_bytes();
        let a = cache.get(Some(&file)).unwrap();
        let b = cache.get(Some(&file)).unwrap();
        assert!(Arc::ptr_eq(&a, &b));
        assert_eq!(
            a.recognize("Angela Merkel visited Paris."),
            Recognizer::shipped().recognize("Angela Merkel visited Paris.")
        );
        assert!(cache.get(Some(&file[..12])).is_err());
        assert!(cache.get(Some(b"random bytes")).is_err());
    }

    #[test]
    fn batches_keep_order_and_limits() {
        assert_eq!(batch_ends(&[], 10, 100), Vec::<usize>::new());
        assert_eq!(batch_ends(&[5; 7], 3, 1000), vec![3, 6, 7]);
        assert_eq!(batch_ends(&[60, 60, 10, 500, 1], 10, 100), vec![1, 3, 4, 5]);
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn batches_cover_every_text_once(sizes in prop::collection::vec(0usize..300, 0..60),
                                         max_docs in 0usize..8, max_chars in 0usize..500) {
            let ends = batch_ends(&sizes, max_docs, max_chars);
            let mut start = 0;
            for &end in &ends {
                prop_assert!(end > start);
                let n = end - start;
                prop_assert!(n <= max_docs.max(1));
                let chars: usize = sizes[start..end].iter().sum();
                prop_assert!(n == 1 || chars <= max_chars);
                start = end;
            }
            prop_assert_eq!(start, sizes.len());
        }
    }
}
