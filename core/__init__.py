"""The contract: every type that crosses a layer, the errors, and the figure vocabulary. Imports nothing of the project."""
