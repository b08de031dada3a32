#define BOOST_TEST_MODULE xxgk
#include <boost/test/unit_test.hpp>
