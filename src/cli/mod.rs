//! The command-line tool: the core's recogniser and formats for batch work.

mod agree;
mod convert;
mod curve;
mod eval;
mod learn;
mod tag;
mod train;

use std::io::{self, BufRead, Write};

const USAGE: &str = "\
spanlight — people, places and numbers in text

usage:
  spanlight tag [--model FILE] < in.jsonl > out.jsonl
      each input line is a JSON object with a \"text\" string (other fields are kept);
      each output line adds \"spans\": [{\"start\", \"end\", \"label\", \"text\"}] in code points.
      Bad lines are reported on stderr with their line number and skipped; the exit status
      is 1 if any line was bad.
  spanlight eval GOLD.jsonl [--split dev|train|all] [--fold K] [--baseline] [--model FILE]
                 [--errors]
      precision, recall and F1 per label (exact and overlapping spans) against annotated
      JSONL; --split picks wikigold's held-out documents (dev) or the rest (train), --fold K
      another fold as held out (cross-validation);
      --model evaluates a model file instead of the embedded one; --errors lists mistakes.
  spanlight learn [--model FILE] --out FILE < corrected.jsonl
      continues the shipped model (or FILE) with documents a person corrected (spanlight
      JSONL: \"text\" and \"spans\", any labels; a new label is learned from its examples);
      prints per-label counts, and for the person's own labels whether their names are grown
      to whole capitalised runs and whether the span labeler is kept (and which labels' names
      it may take away). Documents whose spans do not fit their text are skipped and
      reported (exit status 1). --model in tag and eval uses a learned model, with all it
      learned.
  spanlight curve GOLD.jsonl [--fold K | --test TEST.jsonl] [--model FILE]
                  [--at 0,10,25,50,100] [--also FILE.jsonl]… [--incremental]
      the replay benchmark of learning: learns GOLD's first N documents outside fold K (all,
      with --test) as the page does, and scores the unseen ones (fold K, or TEST) at each N,
      per label; --also scores other files too, as one set (what learning costs elsewhere);
      --incremental piles one document at a time onto the last model instead.
      See scripts/learning_curve.sh.
  spanlight train OUT.bin GOLD.jsonl [MORE.jsonl…] [--epochs N] [--ensemble N] [--prune X]
                  [--all] [--holdout K] [--seed N] [--register OTHER.jsonl]…
      trains the PERSON/PLACE model on the documents outside the held-out fold K (0 unless
      --holdout; all with --all); the same data and seed give the same file. A file given
      with --register is text of another register: what holds only there is learned into
      weights of its own, dropped from the model.
      See scripts/train_model.sh and scripts/crossval.sh.
  spanlight convert --from FORMAT --to FORMAT < in > out
  spanlight convert --from brat --to FORMAT --dir DIR > out
  spanlight convert --from FORMAT --to brat --dir DIR < in
      FORMAT: spanlight, spacy, prodigy, doccano, label-studio, brat, conll.
      One document per line for spanlight (the tag output; \"id\" is kept), spacy, prodigy
      and doccano; a JSON array of tasks for label-studio; -DOCSTART- blocks for conll;
      NAME.txt + NAME.ann pairs in DIR for brat. Offsets are code points, except doccano's,
      which are UTF-16 units as doccano counts them. CoNLL has no text: importing it joins the
      tokens with single spaces. Bad documents are reported on stderr by line and skipped;
      the exit status is 1 if any was.
  spanlight agree A.jsonl B.jsonl [C.jsonl…] [--json] [--from FORMAT] [--tokens]
      agreement between annotators' files of the same documents, matched by their text:
      per pair, exact-span precision and recall of B against A, F1, and Cohen's kappa over
      tokens (IOB labels, outside included), per label and overall; Fleiss' kappa for three
      or more. Annotators are named by file stem. Without --from each file's format is
      detected (a spanlight workspace file works too; a directory is read as brat).
      Documents in one file only, repeated texts and unreadable documents are reported on
      stderr and left out. --json prints {\"documents\", \"pairs\", \"fleiss\"}; --tokens
      prints each document's token labels per annotator instead.
  spanlight merge A.jsonl B.jsonl [C.jsonl…] --min-votes K [--from FORMAT] > merged.jsonl
      spanlight JSONL of the spans at least K annotators marked exactly; each span lists
      its \"annotators\". Overlapping spans that both have K votes: the one with more votes
      is kept and the other reported.
  spanlight help";

/// Runs the tool with `args` (without the program name); returns the exit status.
pub fn run(args: &[String]) -> i32 {
    let stdin = io::stdin();
    let stdout = io::stdout();
    let stderr = io::stderr();
    match args.first().map(String::as_str) {
        Some("tag") => tag::run_args(
            &args[1..],
            stdin.lock(),
            &mut stdout.lock(),
            &mut stderr.lock(),
        ),
        Some("learn") => learn::run(
            &args[1..],
            stdin.lock(),
            &mut stdout.lock(),
            &mut stderr.lock(),
        ),
        Some("eval") => eval::run(&args[1..], &mut stdout.lock(), &mut stderr.lock()),
        Some("curve") => curve::run(&args[1..], &mut stdout.lock(), &mut stderr.lock()),
        Some("train") => train::run(&args[1..], &mut stdout.lock(), &mut stderr.lock()),
        Some("convert") => convert::run(
            &args[1..],
            stdin.lock(),
            &mut stdout.lock(),
            &mut stderr.lock(),
        ),
        Some("agree") => agree::run(&args[1..], false, &mut stdout.lock(), &mut stderr.lock()),
        Some("merge") => agree::run(&args[1..], true, &mut stdout.lock(), &mut stderr.lock()),
        Some("help" | "--help" | "-h") => {
            println!("{USAGE}");
            0
        }
        other => {
            if let Some(cmd) = other {
                eprintln!("spanlight: unknown command \"{cmd}\"\n");
            }
            eprintln!("{USAGE}");
            2
        }
    }
}

/// Applies `f` to every line of `input`, which it gets to own (a long line can then be dropped
/// as soon as it is read) and whose result it writes to `out` itself, so that no result is held
/// whole; each line's output ends with a line break. `f` refuses a line with `Ok(Err(why))`,
/// before writing anything: the reason goes to `err` with the line number and the run goes on.
/// A failed write (`Err`) stops it. Returns the exit status.
pub(crate) fn each_line<W: Write>(
    input: impl BufRead,
    out: &mut W,
    err: &mut impl Write,
    mut f: impl FnMut(String, &mut W) -> io::Result<Result<(), String>>,
) -> i32 {
    let mut failed = 0usize;
    for (i, line) in input.split(b'\n').enumerate() {
        let n = i + 1;
        let line = match line {
            Ok(bytes) => bytes,
            Err(e) => {
                let _ = writeln!(err, "line {n}: cannot read: {e}");
                return 1;
            }
        };
        let Ok(mut text) = String::from_utf8(line) else {
            failed += 1;
            let _ = writeln!(err, "line {n}: not UTF-8 text");
            continue;
        };
        if text.ends_with('\r') {
            let kept = text.trim_end_matches('\r').len();
            text.truncate(kept);
        }
        if text.trim().is_empty() {
            continue;
        }
        match f(text, out) {
            Ok(Ok(())) => {
                if writeln!(out).is_err() {
                    return 1;
                }
            }
            Ok(Err(e)) => {
                failed += 1;
                let _ = writeln!(err, "line {n}: {e}");
            }
            Err(_) => return 1,
        }
    }
    let _ = out.flush();
    if failed > 0 {
        let _ = writeln!(err, "spanlight: {failed} line(s) skipped");
        1
    } else {
        0
    }
}
