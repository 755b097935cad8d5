"""Finding Korean(Chinese) pairs in issues, classifying them and merging them into the glossary."""
