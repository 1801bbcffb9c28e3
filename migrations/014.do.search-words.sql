-- Typo correction (issue 12): the catalogue's vocabulary, one row per distinct folded word of
-- product_search (names, brands, category names) with the number of product rows that hold it.
-- A query word found nowhere is matched to its closest vocabulary word (src/search): a read of
-- this small table, instead of the trigram "close names" query over every name (100–190 ms at
-- 30,000 products). Refreshed by refreshReadModels after product_search, which it reads.
-- Words of 3 characters or more with a letter in them: shorter ones and numbers ("100", "g")
-- are not corrected. The table is schema-qualified: ts_stat runs its query with the search_path
-- of the moment, which REFRESH and the migrations narrow.
CREATE MATERIALIZED VIEW search_words AS
SELECT word, ndoc AS frequency
FROM ts_stat('SELECT words FROM public.product_search')
WHERE length(word) BETWEEN 3 AND 40 AND word ~ '[[:alpha:]]'
ORDER BY word;

-- Unique (REFRESH … CONCURRENTLY needs one), and text_pattern_ops for "is this a known word or
-- the start of one" (`word LIKE 'nute%'`).
CREATE UNIQUE INDEX search_words_word_key ON search_words (word text_pattern_ops);
-- The closest words by trigram distance (`ORDER BY word <-> 'nutela' LIMIT k`): a GiST index
-- walks them nearest first, with no similarity threshold, so short words ("lati") still get
-- candidates; the edit distance then picks among them.
CREATE INDEX search_words_trgm_idx ON search_words USING gist (word gist_trgm_ops);
