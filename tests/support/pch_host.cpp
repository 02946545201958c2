// Hosts the precompiled header shared by the test executables (see tests/CMakeLists.txt).
