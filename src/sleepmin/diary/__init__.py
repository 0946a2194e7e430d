"""The sleep diary: Consensus Sleep Diary entries (Carney 2012) and the metrics derived from
them, night by night, in the person's time zone."""
