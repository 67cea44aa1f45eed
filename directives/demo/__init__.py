"""Demo content: the five seed documents of shared/seeds as structured data (pure Python, no Django)."""
