package org.unate.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class GraphConfigTest {
    @Test
    void factories() {
        GraphConfig c = GraphConfig.cgcnn();
        assertEquals(GraphConfig.Mode.K_NEAREST, c.mode());
        assertEquals(8.0, c.cutoff());
        assertEquals(12, c.maxNeighbors());
        GraphConfig r = GraphConfig.radius(5.0);
        assertEquals(GraphConfig.Mode.ALL_WITHIN_CUTOFF, r.mode());
        assertEquals(5.0, r.cutoff());
        assertEquals(0, r.maxNeighbors());
        assertEquals(r, GraphConfig.radius());
    }

    @Test
    void validationMessagesNameTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GraphConfig.radius(-1));
        assertTrue(e.getMessage().contains("cutoff"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GraphConfig.radius(Double.NaN));
        assertTrue(e.getMessage().contains("cutoff"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GraphConfig.kNearest(8, 0));
        assertTrue(e.getMessage().contains("maxNeighbors"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new GraphConfig(GraphConfig.Mode.ALL_WITHIN_CUTOFF, 5, 12, false));
        assertTrue(e.getMessage().contains("K_NEAREST only"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new GraphConfig(null, 5, 0, false));
        assertTrue(e.getMessage().contains("mode"), e.getMessage());
    }

    @Test
    void jacksonRoundTrip() throws Exception {
        ObjectMapper om = new ObjectMapper();
        for (GraphConfig c : new GraphConfig[] {GraphConfig.cgcnn(), GraphConfig.radius(5.0).withAllowIsolatedSites(true)}) {
            String json = om.writeValueAsString(c);
            assertEquals(c, om.readValue(json, GraphConfig.class), json);
        }
        assertEquals("{\"mode\":\"K_NEAREST\",\"cutoff\":8.0,\"maxNeighbors\":12,\"allowIsolatedSites\":false}",
                om.writeValueAsString(GraphConfig.cgcnn()));
        Exception e = assertThrows(Exception.class,
                () -> om.readValue("{\"mode\":\"K_NEAREST\",\"cutoff\":8.0,\"maxNeighbors\":0}", GraphConfig.class));
        assertTrue(e.getMessage().contains("maxNeighbors"), e.getMessage());
    }

    @Test
    void cacheKeyDistinguishesEveryField() {
        assertEquals("mode=K_NEAREST;cutoff=8.0;k=12;isolated=false", GraphConfig.cgcnn().cacheKey());
        assertNotEquals(GraphConfig.cgcnn().cacheKey(), GraphConfig.kNearest(8.0, 13).cacheKey());
        assertNotEquals(GraphConfig.radius(5.0).cacheKey(), GraphConfig.radius(5.0000001).cacheKey());
        assertNotEquals(GraphConfig.radius(5.0).cacheKey(), GraphConfig.radius(5.0).withAllowIsolatedSites(true).cacheKey());
    }
}
