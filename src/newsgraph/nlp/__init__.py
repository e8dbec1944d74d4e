"""The spaCy pipeline: built once per process, shared by every extractor."""

from newsgraph.nlp.pipeline import MODEL_NAME, load_pipeline

__all__ = ["MODEL_NAME", "load_pipeline"]
