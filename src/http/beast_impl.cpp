// Compiles Asio and Beast once for the whole program (saves minutes per build on 2 cores).
#include <boost/asio/impl/src.hpp>
#include <boost/beast/src.hpp>
