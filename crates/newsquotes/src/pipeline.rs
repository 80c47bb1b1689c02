//! The pipeline: an ordered list of stages, checked once when built.

use std::panic::{catch_unwind, AssertUnwindSafe};

use newsquotes_document::{Document, Layer, Stage, StageError};

/// A pipeline that cannot be built.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PipelineError {
    /// A stage requires a layer no earlier stage produces.
    #[error("stage `{stage}` requires layer `{layer}`, which no earlier stage produces")]
    Unsatisfied {
        /// The stage.
        stage: String,
        /// The missing layer.
        layer: Layer,
    },
    /// Two stages produce the same layer.
    #[error("stages `{first}` and `{second}` both produce layer `{layer}`")]
    Duplicate {
        /// The first producer.
        first: String,
        /// The second producer.
        second: String,
        /// The layer.
        layer: Layer,
    },
}

/// A document that could not be processed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ProcessError {
    /// A stage returned an error.
    #[error(transparent)]
    Stage(#[from] StageError),
    /// A stage panicked; the panic was contained.
    #[error("stage `{stage}` panicked: {message}")]
    Panic {
        /// The stage.
        stage: String,
        /// The panic message.
        message: String,
    },
}

impl ProcessError {
    /// The name of the stage that failed, when known.
    pub fn stage(&self) -> Option<&str> {
        match self {
            ProcessError::Stage(
                StageError::Layer { stage, .. }
                | StageError::MissingLayer { stage, .. }
                | StageError::Other { stage, .. },
            ) => Some(stage),
            ProcessError::Panic { stage, .. } => Some(stage),
            ProcessError::Stage(_) => None,
        }
    }
}

/// Builds a [`Pipeline`].
#[derive(Default)]
pub struct PipelineBuilder {
    stages: Vec<Box<dyn Stage>>,
    given: Vec<Layer>,
}

impl PipelineBuilder {
    /// Declares layers that documents already carry when they enter (e.g. boilerplate set by
    /// ingestion).
    pub fn given(mut self, layers: &[Layer]) -> Self {
        self.given.extend_from_slice(layers);
        self
    }

    /// Appends a stage.
    pub fn stage(mut self, stage: impl Stage + 'static) -> Self {
        self.stages.push(Box::new(stage));
        self
    }

    /// Appends a boxed stage.
    pub fn boxed_stage(mut self, stage: Box<dyn Stage>) -> Self {
        self.stages.push(stage);
        self
    }

    /// Checks the order once: every required layer is produced earlier, no layer twice.
    pub fn build(self) -> Result<Pipeline, PipelineError> {
        let mut have: Vec<(Layer, String)> = self
            .given
            .iter()
            .map(|&l| (l, "input".to_owned()))
            .collect();
        for stage in &self.stages {
            for &layer in stage.requires() {
                if !have.iter().any(|(l, _)| *l == layer) {
                    return Err(PipelineError::Unsatisfied {
                        stage: stage.name().to_owned(),
                        layer,
                    });
                }
            }
            for &layer in stage.produces() {
                if let Some((_, first)) = have.iter().find(|(l, _)| *l == layer) {
                    return Err(PipelineError::Duplicate {
                        first: first.clone(),
                        second: stage.name().to_owned(),
                        layer,
                    });
                }
                have.push((layer, stage.name().to_owned()));
            }
        }
        Ok(Pipeline {
            stages: self.stages,
        })
    }
}

/// An ordered, checked list of stages.
pub struct Pipeline {
    stages: Vec<Box<dyn Stage>>,
}

impl std::fmt::Debug for Pipeline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.stages.iter().map(|s| s.name()))
            .finish()
    }
}

pub(crate) fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_owned()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "unknown panic payload".to_owned()
    }
}

impl Pipeline {
    /// Starts a builder.
    pub fn builder() -> PipelineBuilder {
        PipelineBuilder::default()
    }

    /// The default English pipeline: segment → ner → attribution.
    pub fn english() -> Pipeline {
        Self::english_until(None).expect("the default pipeline is well-ordered")
    }

    /// The default pipeline, stopping after the named stage (`segment`, `ner`, `attribution`).
    /// Returns `None` for an unknown stage name.
    pub fn english_until(last: Option<&str>) -> Option<Pipeline> {
        Self::english_with(last, None)
    }

    /// The default pipeline with another NER stage (e.g. a model loaded with
    /// `Recognizer::from_path`, or a transformer backend), stopping after `last` if given.
    /// Returns `None` for an unknown stage name.
    pub fn english_with(last: Option<&str>, ner: Option<Box<dyn Stage>>) -> Option<Pipeline> {
        Self::english_scoped(last, ner, newsquotes_attribution::Scope::Speech)
    }

    /// [`Pipeline::english_with`] reporting the attributions of `scope`: speech only (the
    /// default) or also the attitudes PolNeAR annotates (`Scope::All`, the learned cue sieve).
    ///
    /// ```
    /// use newsquotes::{attribution::Scope, Document, Pipeline};
    ///
    /// let p = Pipeline::english_scoped(None, None, Scope::All).unwrap();
    /// let mut doc = Document::new("d", "The senator said the bill would pass.");
    /// p.process(&mut doc).unwrap();
    /// assert_eq!(doc.quotes().len(), 1);
    /// ```
    pub fn english_scoped(
        last: Option<&str>,
        ner: Option<Box<dyn Stage>>,
        scope: newsquotes_attribution::Scope,
    ) -> Option<Pipeline> {
        let all: Vec<Box<dyn Stage>> = vec![
            Box::new(newsquotes_segment::Segmenter::default()),
            ner.unwrap_or_else(|| Box::new(newsquotes_ner::Recognizer::default())),
            Box::new(newsquotes_attribution::Attributor::new(scope)),
        ];
        let n = match last {
            None => all.len(),
            Some(name) => all.iter().position(|s| s.name() == name)? + 1,
        };
        let mut b = Pipeline::builder().given(&[Layer::Boilerplate]);
        for s in all.into_iter().take(n) {
            b = b.boxed_stage(s);
        }
        Some(b.build().expect("the default pipeline is well-ordered"))
    }

    /// The stages' names, in order.
    pub fn stage_names(&self) -> Vec<&str> {
        self.stages.iter().map(|s| s.name()).collect()
    }

    /// Runs every stage on one document. A panicking stage is contained and reported as
    /// [`ProcessError::Panic`]; the document is then in an unspecified but valid state.
    pub fn process(&self, doc: &mut Document) -> Result<(), ProcessError> {
        for stage in &self.stages {
            match catch_unwind(AssertUnwindSafe(|| stage.annotate(doc))) {
                Ok(Ok(())) => {}
                Ok(Err(e)) => return Err(e.into()),
                Err(payload) => {
                    return Err(ProcessError::Panic {
                        stage: stage.name().to_owned(),
                        message: panic_message(payload.as_ref()),
                    })
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fake {
        name: &'static str,
        req: Vec<Layer>,
        prod: Vec<Layer>,
        panics: bool,
    }

    impl Stage for Fake {
        fn name(&self) -> &str {
            self.name
        }
        fn requires(&self) -> &[Layer] {
            &self.req
        }
        fn produces(&self) -> &[Layer] {
            &self.prod
        }
        fn annotate(&self, _doc: &mut Document) -> Result<(), StageError> {
            if self.panics {
                panic!("deliberate failure in {}", self.name);
            }
            Ok(())
        }
    }

    fn fake(name: &'static str, req: &[Layer], prod: &[Layer]) -> Fake {
        Fake {
            name,
            req: req.to_vec(),
            prod: prod.to_vec(),
            panics: false,
        }
    }

    #[test]
    fn builder_rejects_unsatisfied_requirements() {
        let err = Pipeline::builder()
            .stage(fake("ner", &[Layer::Tokens], &[Layer::Entities]))
            .stage(fake("seg", &[], &[Layer::Tokens]))
            .build()
            .unwrap_err();
        assert!(
            matches!(err, PipelineError::Unsatisfied { ref stage, layer: Layer::Tokens } if stage == "ner")
        );
    }

    #[test]
    fn builder_rejects_two_producers() {
        let err = Pipeline::builder()
            .stage(fake("a", &[], &[Layer::Tokens]))
            .stage(fake("b", &[], &[Layer::Tokens]))
            .build()
            .unwrap_err();
        assert!(matches!(err, PipelineError::Duplicate { .. }));
    }

    #[test]
    fn a_panicking_stage_becomes_an_error() {
        let mut boom = fake("boom", &[], &[]);
        boom.panics = true;
        let p = Pipeline::builder().stage(boom).build().unwrap();
        let err = p.process(&mut Document::new("d", "x")).unwrap_err();
        assert_eq!(err.stage(), Some("boom"));
        assert!(err.to_string().contains("deliberate failure"), "{err}");
    }

    #[test]
    fn english_until_stops_after_the_named_stage() {
        assert_eq!(
            Pipeline::english_until(Some("segment"))
                .unwrap()
                .stage_names(),
            ["segment"]
        );
        assert!(Pipeline::english_until(Some("nope")).is_none());
        assert_eq!(
            Pipeline::english().stage_names(),
            ["segment", "ner", "attribution"]
        );
    }
}
