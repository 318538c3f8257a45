"""Report builders: plain rows from the indices (rows, perception), laid out as PDF and XLSX."""
