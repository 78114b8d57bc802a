"""Dock widgets, locator filter and dialogs; .ui files live beside their modules."""
