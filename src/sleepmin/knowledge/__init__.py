"""The knowledge base: each mineral's sleep mechanisms, signs, risk factors, food sources and
graded claims, every one cited."""
