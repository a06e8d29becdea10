"""The prompt templates (*.md), shipped as package data: read them through kam_domain.assets."""
