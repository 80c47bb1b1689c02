//! Transformer (BERT) named-entity backend for newsquotes (work in progress).
