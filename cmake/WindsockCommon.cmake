# One INTERFACE target carries the language level, the warnings and the Qt strictness defines.
# Every target of the project links it; nothing sets these flags anywhere else.
add_library(windsock_common INTERFACE)
add_library(Windsock::common ALIAS windsock_common)
target_compile_features(windsock_common INTERFACE cxx_std_17)
set(CMAKE_CXX_EXTENSIONS OFF)
target_compile_options(windsock_common INTERFACE
  $<$<CXX_COMPILER_ID:GNU,Clang>:-Wall -Wextra -Werror -Wpedantic -Wshadow=local -Wnon-virtual-dtor>)
target_compile_definitions(windsock_common INTERFACE
  QT_NO_CAST_FROM_ASCII
  QT_NO_CAST_TO_ASCII
  QT_NO_CONTEXTLESS_CONNECT
  QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
  QT_NO_URL_CAST_FROM_STRING
  QT_USE_QSTRINGBUILDER
  QT_NO_FOREACH
  QT_NO_KEYWORDS
  QT_DISABLE_DEPRECATED_UP_TO=0x060400)
if(WINDSOCK_SANITIZE)
  target_compile_options(windsock_common INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer)
  target_link_options(windsock_common INTERFACE -fsanitize=address,undefined)
endif()
