// A target needs a source file to own a precompiled header that others reuse
// (cmake/HeraldBuildSpeed.cmake, herald_pch_carrier); this is that file. It compiles to nothing.
