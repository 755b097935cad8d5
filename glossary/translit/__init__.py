"""Chinese→Korean: the reference tables, pinyin, Hangul and Sino-Korean readings, the judge."""
