// Linked into every test executable of the TRIBUTARY_SANITIZE build only.
//
// LeakSanitizer scans the memory of loaded modules for pointers when the process exits. A
// system library that is unloaded with dlclose() before then (the GL/X11 plugins Qt GUI loads
// at start and drops at exit) takes the globals that pointed at its allocations with it, so
// those allocations are reported as leaks with an "<unknown module>" stack that no
// suppression can name. Keeping every module loaded until exit lets LeakSanitizer see those
// pointers (no report) and symbolize anything that really leaks. The executable's definition
// takes precedence over the C library's for the whole process, never for its children.
extern "C" int dlclose(void *handle)
{
    static_cast<void>(handle);
    return 0;
}
