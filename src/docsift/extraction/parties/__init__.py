"""Parties: the names of seller, buyer and ship-to party and their addresses."""
