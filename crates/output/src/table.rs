//! CSV and TSV: one row per quote.

use std::io::Write;

use newsquotes_document::Document;

use crate::view::{content_text, mention_text, sentence_at, speaker_name};
use crate::{CharOffsets, DocumentWriter, OutputError};

/// The header row.
pub const HEADER: [&str; 16] = [
    "doc_id",
    "quote_index",
    "type",
    "quote",
    "speaker",
    "speaker_label",
    "speaker_mention",
    "cue",
    "sentence",
    "start",
    "end",
    "speaker_start",
    "speaker_end",
    "cue_start",
    "cue_end",
    "sieve",
];

/// Writes one row per quote, with a header. Offsets are code points; `start`/`end` span all content
/// pieces; `sentence` is the sentence holding the first piece.
pub(crate) struct TableWriter<'w> {
    csv: csv::Writer<Box<dyn Write + 'w>>,
    header_written: bool,
}

impl<'w> TableWriter<'w> {
    pub(crate) fn new(w: Box<dyn Write + 'w>, delimiter: u8) -> Self {
        TableWriter {
            csv: csv::WriterBuilder::new()
                .delimiter(delimiter)
                .quote_style(csv::QuoteStyle::Necessary)
                .from_writer(w),
            header_written: false,
        }
    }

    fn header(&mut self) -> Result<(), OutputError> {
        if !self.header_written {
            let mut h: Vec<&str> = HEADER.to_vec();
            h.push("confidence");
            self.csv.write_record(&h).map_err(csv_err)?;
            self.header_written = true;
        }
        Ok(())
    }
}

fn csv_err(e: csv::Error) -> OutputError {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => OutputError::Io(io),
        other => OutputError::Io(std::io::Error::other(format!("{other:?}"))),
    }
}

impl DocumentWriter for TableWriter<'_> {
    fn write(&mut self, doc: &Document) -> Result<(), OutputError> {
        self.header()?;
        let co = CharOffsets::new(doc.text());
        let c = |b: usize| co.char_index(b).to_string();
        let opt = |s: Option<usize>| s.map(&c).unwrap_or_default();
        for (i, q) in doc.quotes().iter().enumerate() {
            let extent = q.extent();
            let mention = q.speaker_mention.map(|m| doc.mentions()[m].span);
            let label = q
                .speaker
                .and_then(|s| doc.speakers().get(s))
                .map(|s| s.label.name())
                .unwrap_or("");
            let sentence = sentence_at(doc, extent.start)
                .map(|s| doc.slice(s))
                .unwrap_or("");
            let row = [
                doc.id().to_owned(),
                i.to_string(),
                q.kind.name().to_owned(),
                content_text(doc, q),
                speaker_name(doc, q).unwrap_or("").to_owned(),
                label.to_owned(),
                mention_text(doc, q).unwrap_or("").to_owned(),
                q.cue.map(|s| doc.slice(s).to_owned()).unwrap_or_default(),
                sentence.to_owned(),
                c(extent.start),
                c(extent.end),
                opt(mention.map(|m| m.start)),
                opt(mention.map(|m| m.end)),
                opt(q.cue.map(|s| s.start)),
                opt(q.cue.map(|s| s.end)),
                q.sieve.clone(),
                format!("{:.3}", q.confidence),
            ];
            self.csv.write_record(&row).map_err(csv_err)?;
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<(), OutputError> {
        self.header()?;
        self.csv.flush()?;
        Ok(())
    }
}
