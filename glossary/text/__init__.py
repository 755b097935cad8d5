"""Text: normalisation, the Hangul arithmetic and Korean particles, era cues."""
