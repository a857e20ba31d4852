# Delivery tracking in the console: delivered and read in the campaign table and detail, the
# delivery funnel, late failures in the Failures tab, the quiet-receiver warning.
target_sources(herald_ui PRIVATE
    views/DeliveryFunnel.h views/DeliveryFunnel.cpp)
