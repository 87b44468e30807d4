"""Indonesian text analysis shared by the index (documents) and search (queries).

    analyzer = Analyzer(synonyms=SynonymStore(data_dir))   # or Analyzer() for the default set
    analyzer.index_tokens("Kartu Tanda Penduduk elektronik (KTP-el)")
    analyzer.analyze_query("bikin akte lahir", vocabulary)

See analyzer.py for the pipeline and data/SOURCES.md for the word lists and their licences.
"""

from __future__ import annotations

from indexer.analysis.analyzer import Analyzer, QueryAnalysis, QueryTerm
from indexer.analysis.vocabulary import Vocabulary

__all__ = ["Analyzer", "QueryAnalysis", "QueryTerm", "Vocabulary"]
