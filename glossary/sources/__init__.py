"""Reading documents: Markdown/HTML/text markup, .docx, encodings."""
