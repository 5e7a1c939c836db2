package io.switchboard.cx;

import java.util.List;
import java.util.Optional;

/**
 * The IMS subscriber store (tables {@code ims_*} of the platform DataSource): identities, profiles, the S-CSCF pool
 * and the registration state per IMPU. Writes are single statements or one transaction each; an add replaces.
 */
public interface ImsStore {

    Optional<PrivateIdentity> privateIdentity(String impi);

    List<PrivateIdentity> privateIdentities();

    void putPrivateIdentity(PrivateIdentity identity);

    boolean removePrivateIdentity(String impi);

    /** Stores the next SQN of an IMPI (after vectors were issued, or a re-synchronisation). */
    void updateSqn(String impi, long sqn);

    Optional<PublicIdentity> publicIdentity(String impu);

    List<PublicIdentity> publicIdentities();

    /** Adds or replaces {@code identity}; its profile must exist ({@link ImsStoreException} otherwise). */
    void putPublicIdentity(PublicIdentity identity);

    boolean removePublicIdentity(String impu);

    /** Allows {@code impi} to register {@code impu} (both must exist). */
    void link(String impi, String impu);

    boolean unlink(String impi, String impu);

    /** The IMPUs {@code impi} may register, sorted. */
    List<String> publicIdentitiesOf(String impi);

    /** The IMPIs that may register {@code impu}, sorted. */
    List<String> privateIdentitiesOf(String impu);

    /** The IMPUs of {@code impu}'s implicit registration set, itself included, sorted. */
    List<String> implicitSet(String impu);

    Optional<ServiceProfile> serviceProfile(String name);

    List<ServiceProfile> serviceProfiles();

    void putServiceProfile(ServiceProfile profile);

    /** Removes a profile no IMPU uses ({@link ImsStoreException} when one does). */
    boolean removeServiceProfile(String name);

    List<Scscf> scscfs();

    void putScscf(Scscf scscf);

    boolean removeScscf(String name);

    /** The record of an IMPU; {@link Registration#none} when there is none. */
    Registration registration(String impu);

    /** Stores the records (one transaction). */
    void putRegistrations(List<Registration> registrations);
}
