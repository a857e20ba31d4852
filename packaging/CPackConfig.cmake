# CPack settings live here.
