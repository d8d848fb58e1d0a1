"""The grid map: a Leaflet page built once with folium (page), shown in a Qt web view (widget).

Only the Qt-free half is imported here; take MapWidget from desk.map.widget.
"""
from desk.map.page import MapLayers, build_page, render_page

__all__ = ["MapLayers", "build_page", "render_page"]
