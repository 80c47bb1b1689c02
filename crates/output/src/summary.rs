//! `summary`: a plain-text table of documents, quotes by type and top speakers.

use std::collections::HashMap;
use std::io::Write;

use newsquotes_document::{Document, QuoteKind};

use crate::{DocumentWriter, OutputError};

/// Aggregates counts over all documents and prints them at the end.
pub(crate) struct SummaryWriter<'w> {
    w: Box<dyn Write + 'w>,
    documents: u64,
    quotes: [u64; 3],
    unattributed: u64,
    speakers: HashMap<String, (u64, &'static str)>,
}

impl<'w> SummaryWriter<'w> {
    pub(crate) fn new(w: Box<dyn Write + 'w>) -> Self {
        SummaryWriter {
            w,
            documents: 0,
            quotes: [0; 3],
            unattributed: 0,
            speakers: HashMap::new(),
        }
    }
}

impl DocumentWriter for SummaryWriter<'_> {
    fn write(&mut self, doc: &Document) -> Result<(), OutputError> {
        self.documents += 1;
        for q in doc.quotes() {
            self.quotes[match q.kind {
                QuoteKind::Direct => 0,
                QuoteKind::Indirect => 1,
                QuoteKind::Mixed => 2,
            }] += 1;
            match q.speaker.and_then(|s| doc.speakers().get(s)) {
                Some(s) => {
                    let e = self
                        .speakers
                        .entry(s.name.clone())
                        .or_insert((0, s.gender.name()));
                    e.0 += 1;
                }
                None => self.unattributed += 1,
            }
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<(), OutputError> {
        let total: u64 = self.quotes.iter().sum();
        let w = &mut self.w;
        writeln!(w, "documents         {:>8}", self.documents)?;
        writeln!(w, "quotes            {total:>8}")?;
        writeln!(w, "  direct          {:>8}", self.quotes[0])?;
        writeln!(w, "  indirect        {:>8}", self.quotes[1])?;
        writeln!(w, "  mixed           {:>8}", self.quotes[2])?;
        writeln!(w, "  no speaker      {:>8}", self.unattributed)?;
        writeln!(w, "speakers          {:>8}", self.speakers.len())?;
        let mut top: Vec<_> = self.speakers.iter().collect();
        top.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(b.0)));
        if !top.is_empty() {
            writeln!(w)?;
            writeln!(w, "{:<40} {:>7}  gender", "top speakers", "quotes")?;
            for (name, (n, gender)) in top.into_iter().take(20) {
                let name: String = name.chars().filter(|c| !c.is_control()).take(40).collect();
                writeln!(w, "{name:<40} {n:>7}  {gender}")?;
            }
        }
        w.flush()?;
        Ok(())
    }
}
