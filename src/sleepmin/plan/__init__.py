"""The food-first plan: candidate foods and the day plan as a mixed-integer program."""
