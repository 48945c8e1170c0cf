"""What a buyer agreed to before cover was created: the product's documents at their versions, the
health declaration, and the sale's trace (可回溯) kept for the regulator (docs/domain.md, Agreement)."""
