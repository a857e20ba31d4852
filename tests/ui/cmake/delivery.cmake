# Delivery tracking in the console: delivered and read in the campaign table, the delivery funnel,
# late failures in the Failures tab and the silent-receiver warning, after DeliveryWriter applied
# Meta's callbacks.
herald_add_ui_test(NAME test_deliverytracking SOURCES test_deliverytracking.cpp DeliveryTestUtil.h PG)
