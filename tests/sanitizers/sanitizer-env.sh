# Runtime options for a build made with -DHERALD_SANITIZE=… (cmake/HeraldSanitizers.cmake).
# Source it before ctest:   . tests/sanitizers/sanitizer-env.sh && ctest --test-dir build-asan
# CI (packaging/linux/herald-dev.sh test) does. Every suppression file says, per entry, which
# Debian library the finding is in and why it is not Herald's: Herald's own code is never
# suppressed. docs/RELIABILITY.md ("Sanitizers") has the findings and what was fixed.
_herald_san_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# AddressSanitizer: stop at the first error (the default) with a non-zero exit so the test
# fails; leak checking at exit; static initialisation order checked too.
export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:check_initialization_order=1:strict_init_order=1:detect_stack_use_after_return=0:print_suppressions=0"
# LeakSanitizer (part of ASan here): leaks inside Debian's uninstrumented libraries.
export LSAN_OPTIONS="suppressions=$_herald_san_dir/lsan.supp:print_suppressions=0"
# UndefinedBehaviorSanitizer: the build already aborts on the first finding
# (-fno-sanitize-recover); the stack says where.
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:suppressions=$_herald_san_dir/ubsan.supp:print_suppressions=0"
# ThreadSanitizer: a report makes the process exit with 66 at the end, failing the test.
# ignore_noninstrumented_modules: the memory that Debian's uninstrumented Qt, libpq and SQLite
# touch through libc (memmove, realloc, pthread_*_destroy inside QThreadPool) is not checked,
# as their plain loads and stores are not either; without it TSan sees half of Qt's accesses
# and none of its locking, and reports Qt's own thread pool as racing with itself.
export TSAN_OPTIONS="suppressions=$_herald_san_dir/tsan.supp:ignore_noninstrumented_modules=1:second_deadlock_stack=1:history_size=4:print_suppressions=0"
# Qt Test aborts a test function after 5 minutes; instrumented code runs 2-3x slower (ASan)
# and 5-15x (TSan), so one function of test_queueinvariants on PostgreSQL can need more.
export QTEST_FUNCTION_TIMEOUT=900000
unset _herald_san_dir
